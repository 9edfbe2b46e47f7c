import { REFERRAL_FLAGS, REFERRAL_STATUSES, VOUCHER_KINDS } from '#domain';
import { z } from 'zod';
import { count, instant, pageOf, periodBound, periodOrdered } from './wire.js';

export const rewardDtoSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    storeId: z.string(),
    kind: z.enum(VOUCHER_KINDS),
    voucherCode: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    issuedAt: instant,
    expiresAt: instant,
    referralId: z.string().nullable().meta({ description: 'The referral a referral reward pays for.' }),
    redemption: z.object({ purchaseEventId: z.string(), at: instant }).nullable().meta({
      description: 'The purchase that paid with it (and was not refunded); null while it is unused.',
    }),
  })
  .meta({ id: 'Reward', description: 'A voucher Ladder issued to a member.' });
export type RewardDto = z.infer<typeof rewardDtoSchema>;

const memberShape = {
  customerId: z.string(),
  storeId: z.string(),
  joinedAt: instant,
  referralCode: z.string(),
  shareUrl: z
    .string()
    .meta({ description: 'The link a member shares: it shows the code and the store to a friend.' }),
  rewards: count,
  referrals: count,
};

export const memberDtoSchema = z
  .object(memberShape)
  .meta({ id: 'Member', description: '`GET /api/members`: one member of the loyalty club.' });
export type MemberDto = z.infer<typeof memberDtoSchema>;

export const memberPageDtoSchema = pageOf(memberDtoSchema, 'MemberPage', 'Members of the loyalty club.');
export type MemberPageDto = z.infer<typeof memberPageDtoSchema>;

export const referralDtoSchema = z
  .object({
    id: z.string(),
    referrerId: z.string(),
    refereeId: z.string(),
    code: z.string(),
    storeId: z.string(),
    purchaseEventId: z.string(),
    convertedAt: instant,
    status: z.enum(REFERRAL_STATUSES),
    flags: z.array(z.enum(REFERRAL_FLAGS)),
    settleAt: instant.meta({
      description: 'When the cooling-off ends and the referrer is paid, if nothing holds it.',
    }),
    decidedBy: z.string().nullable(),
    decidedAt: instant.nullable(),
    decisionNote: z.string().nullable(),
    createdAt: instant,
  })
  .meta({
    id: 'Referral',
    description: "`GET /api/referrals`: a friend's purchase that carried a member's code.",
  });
export type ReferralDto = z.infer<typeof referralDtoSchema>;

export const referralPageDtoSchema = pageOf(referralDtoSchema, 'ReferralPage', 'Referrals.');
export type ReferralPageDto = z.infer<typeof referralPageDtoSchema>;

export const memberDetailDtoSchema = z
  .object({ ...memberShape, ledger: z.array(rewardDtoSchema), referralList: z.array(referralDtoSchema) })
  .meta({
    id: 'MemberDetail',
    description:
      '`GET /api/members/:customerId`: a member with their reward ledger and the referrals of their code.',
  });
export type MemberDetailDto = z.infer<typeof memberDetailDtoSchema>;

const pageLimit = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(100, { error: 'must be at most 100' })
  .default(25);

export const memberListQuerySchema = z.object({
  storeId: z.string().min(1).max(64).optional(),
  limit: pageLimit,
  cursor: z.string().max(500).optional(),
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export const referralListQuerySchema = z.object({
  status: z.enum(REFERRAL_STATUSES, { error: `must be one of ${REFERRAL_STATUSES.join(', ')}` }).optional(),
  storeId: z.string().min(1).max(64).optional(),
  referrerId: z.string().min(1).max(128).optional(),
  limit: pageLimit,
  cursor: z.string().max(500).optional(),
});
export type ReferralListQuery = z.infer<typeof referralListQuerySchema>;

const decisionText = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(1000, { error: `${what} must be at most 1000 characters` });

/** `POST /api/referrals/:id/approve`: pays the referrer of a held conversion. */
export const referralApproveSchema = z.object({ note: decisionText('note').optional() }).optional();
/** `POST /api/referrals/:id/reject`: nothing is paid, ever. */
export const referralRejectSchema = z.object({ reason: decisionText('reason') });
export type ReferralApproveRequest = z.infer<typeof referralApproveSchema>;
export type ReferralRejectRequest = z.infer<typeof referralRejectSchema>;

const VOUCHER_REFUSALS = ['used', 'expired', 'foreign', 'unknown'] as const;

export const redemptionQuerySchema = z
  .object({
    storeId: z.string().min(1).max(64).optional(),
    from: periodBound.optional().meta({ description: 'Vouchers issued (codes refused) from then on.' }),
    to: periodBound.optional().meta({ description: 'Vouchers issued (codes refused) until then.' }),
  })
  .refine(periodOrdered, {
    error: 'from must not be after to',
    path: ['from'],
  });
export type RedemptionQuery = z.infer<typeof redemptionQuerySchema>;

export const redemptionReportDtoSchema = z
  .object({
    rows: z.array(
      z.object({
        storeId: z.string(),
        kind: z.enum(VOUCHER_KINDS),
        issued: count,
        redeemed: count,
        rate: z.number().min(0).max(1).meta({ description: 'redeemed / issued' }),
      }),
    ),
    refused: z.array(z.object({ storeId: z.string(), reason: z.enum(VOUCHER_REFUSALS), count })),
  })
  .meta({
    id: 'RedemptionReport',
    description:
      '`GET /api/vouchers/redemption`: per store and reward kind, vouchers issued and redeemed (refunds give them back), and codes refused by reason (docs/promoter-loop.md, Vouchers).',
  });
export type RedemptionReportDto = z.infer<typeof redemptionReportDtoSchema>;
