import { REFERRAL_STATUSES, type ReferralFlag, type ReferralStatus } from '#domain';
import { z } from 'zod';

export interface RewardDto {
  id: string;
  customerId: string;
  storeId: string;
  kind: 'welcome' | 'referral';
  voucherCode: string;
  amountMinor: number;
  currency: string;
  issuedAt: string;
  expiresAt: string;
  /** The referral a referral reward pays for. */
  referralId: string | null;
}

/** `GET /api/members`: one member of the loyalty club. */
export interface MemberDto {
  customerId: string;
  storeId: string;
  joinedAt: string;
  referralCode: string;
  /** The link a member shares: it shows the code and the store to a friend. */
  shareUrl: string;
  rewards: number;
  referrals: number;
}

export interface MemberPageDto {
  items: MemberDto[];
  nextCursor: string | null;
}

/** `GET /api/members/:customerId`: a member with their reward ledger and the referrals of their code. */
export interface MemberDetailDto extends MemberDto {
  ledger: RewardDto[];
  referralList: ReferralDto[];
}

/** `GET /api/referrals`: a friend's purchase that carried a member's code. */
export interface ReferralDto {
  id: string;
  referrerId: string;
  refereeId: string;
  code: string;
  storeId: string;
  purchaseEventId: string;
  convertedAt: string;
  status: ReferralStatus;
  flags: ReferralFlag[];
  /** When the cooling-off ends and the referrer is paid, if nothing holds it. */
  settleAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface ReferralPageDto {
  items: ReferralDto[];
  nextCursor: string | null;
}

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
