import { SEGMENTS, STAGES } from '#domain';
import { z } from 'zod';
import { count, instant } from './wire.js';

const MOVE_REASONS = [
  'seen-ad',
  'showed-interest',
  'signed-up',
  'referred',
  'answered-survey',
  'first-purchase',
  'repeat-purchase',
  'purchase-after-lapse',
  'promoter-answer',
  'referral-converted',
  'detractor-answer',
  'no-purchase-within-window',
  'late-event',
] as const;

const churnReasonSchema = z
  .discriminatedUnion('code', [
    z.object({
      code: z.literal('rhythm-broken'),
      usualIntervalDays: z.number(),
      daysSinceLastPurchase: z.number(),
    }),
    z.object({ code: z.literal('score-falling'), from: z.number(), to: z.number() }),
    z.object({ code: z.literal('scores-low'), scores: z.array(z.number()) }),
  ])
  .meta({ id: 'ChurnReason' });

const churnLevel = z.enum(['none', 'watch', 'high']);

const budgetUseSchema = z.object({
  used: count,
  limit: count,
  withinMs: count,
  nextAllowedAt: instant
    .nullable()
    .meta({ description: 'When one more message of this kind fits, if it does not now.' }),
});

export const customerHistoryItemDtoSchema = z
  .union([
    z.object({
      type: z.literal('answer'),
      at: instant,
      eventId: z.string(),
      storeId: z.string(),
      score: z.number().int().min(0).max(10),
      classification: z.string(),
      comment: z.string().nullable(),
      themes: z.array(z.string()),
      quality: z.enum(['ok', 'flagged']),
    }),
    z.object({
      type: z.literal('purchase'),
      at: instant,
      eventId: z.string(),
      storeId: z.string(),
      orderId: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
    }),
    z.object({
      type: z.literal('lead'),
      at: instant,
      eventId: z.string(),
      storeId: z.string(),
      kind: z.string(),
    }),
    z.object({
      type: z.literal('stage-changed'),
      at: instant,
      from: z.enum(STAGES).nullable(),
      to: z.enum(STAGES),
      reason: z.enum(MOVE_REASONS),
    }),
    z.object({
      type: z.literal('churn-risk-changed'),
      at: instant,
      level: churnLevel,
      reasons: z.array(churnReasonSchema),
    }),
    z.object({
      type: z.enum(['loyalty-joined', 'referral-converted', 'reward-issued', 'unsubscribed', 'tier-changed']),
      at: instant,
      details: z.record(z.string(), z.unknown()),
    }),
  ])
  .meta({ id: 'CustomerHistoryItem', description: 'A fact of the customer or a move of theirs.' });
export type CustomerHistoryItemDto = z.infer<typeof customerHistoryItemDtoSchema>;

export const customerDtoSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.string().nullable(),
    firstSeenAt: instant,
    lastSeenAt: instant,
    stage: z.enum(STAGES).nullable(),
    stageSince: instant.nullable(),
    homeStoreId: z.string().nullable(),
    segment: z.enum(SEGMENTS),
    rfm: z
      .object({
        recency: z.number().int().min(1).max(5),
        frequency: z.number().int().min(1).max(5),
        monetary: z.number().int().min(1).max(5),
        metrics: z.object({
          recencyDays: z.number().meta({ description: 'Whole days since the last purchase.' }),
          frequency: count.meta({ description: 'Purchases within the RFM window.' }),
          monetary: z
            .object({ currency: z.string(), amountMinor: z.number().int() })
            .meta({ description: "Spend within the window in the customer's main currency." }),
        }),
      })
      .nullable(),
    valueMinor: z.record(z.string(), z.number().int()).meta({
      description: 'Lifetime spend per currency, in minor units; currencies are never added together.',
    }),
    purchases: z.object({
      count,
      firstAt: instant.nullable(),
      lastAt: instant.nullable(),
      usualIntervalDays: z.number().nullable(),
    }),
    lastScore: z.number().int().min(0).max(10).nullable(),
    lastAnswerAt: instant.nullable(),
    answerCount: count,
    churnRisk: z.object({ level: churnLevel, reasons: z.array(churnReasonSchema) }),
    contactBudget: z.object({
      marketingConsent: z.boolean().nullable(),
      unsubscribed: z.boolean(),
      marketing: budgetUseSchema,
      total: budgetUseSchema,
    }),
    openCaseIds: z.array(z.string()),
    loyaltyClub: z
      .object({ invitedAt: instant, referralCode: z.string(), joinedAt: instant.nullable() })
      .nullable()
      .meta({
        description:
          "The club: invited (with the code that works from then on), and joined once the invitation's link was followed.",
      }),
    history: z.array(customerHistoryItemDtoSchema).meta({ description: 'Facts and moves, newest first.' }),
  })
  .meta({
    id: 'Customer',
    description: '`GET /api/customers/:id`: the whole profile (DESIGN.md §4.5 and docs/customer-model.md).',
  });
export type CustomerDto = z.infer<typeof customerDtoSchema>;

export const customerErasureDtoSchema = z
  .object({
    customerId: z.string(),
    erasedAt: instant,
    erasedBy: z.string().meta({ description: 'The token (or `cli:<user>`) that erased.' }),
    alreadyErased: z
      .boolean()
      .meta({ description: 'True when the customer had been erased before: nothing more was done.' }),
    found: z.boolean().meta({ description: 'Whether Ladder held any fact of the customer.' }),
    cleared: z
      .record(z.string(), count)
      .meta({ description: 'Rows changed per table: what the erasure did, without what it removed.' }),
  })
  .meta({
    id: 'CustomerErasure',
    description:
      '`DELETE /api/customers/:id`: the customer erased (docs/privacy.md). Their anonymous facts stay counted under a pseudonym.',
  });
export type CustomerErasureDto = z.infer<typeof customerErasureDtoSchema>;
