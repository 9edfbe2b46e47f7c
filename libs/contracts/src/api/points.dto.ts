import { POINTS_ENTRY_KINDS } from '#domain';
import { z } from 'zod';
import { count, instant } from './wire.js';

export const pointsAccountDtoSchema = z
  .object({
    customerId: z.string(),
    balance: count.meta({ description: 'Points that can be spent now (expired lots left out).' }),
    tier: z
      .object({
        name: z.string(),
        since: instant.nullable(),
        multiplier: z.number().meta({ description: 'Purchase points are multiplied by this.' }),
        slaHours: z
          .number()
          .nullable()
          .meta({ description: "A follow-up case is due within this, when sooner than the store's SLA." }),
      })
      .nullable()
      .meta({ description: 'The tier held; null below the first.' }),
    windowPoints: count.meta({ description: 'Points earned within the tier window, less refunds.' }),
    windowDays: count,
    nextTier: z
      .object({ name: z.string(), threshold: count, pointsToGo: count })
      .nullable()
      .meta({ description: 'The next tier up and the points still to earn for it; null at the top.' }),
    expiring: z
      .array(z.object({ points: count, expiresAt: instant }))
      .meta({ description: 'The live lots soonest to expire (at most five), with what each has left.' }),
    spending: z.object({
      pointValueMinor: count.meta({ description: 'What one point is worth in a voucher, in minor units.' }),
      currency: z.string(),
      minimumSpend: count.meta({ description: 'The fewest points one voucher takes.' }),
    }),
    history: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(POINTS_ENTRY_KINDS),
          points: z.number().int().meta({ description: 'Positive for points earned, negative for taken.' }),
          at: instant,
          expiresAt: instant.nullable().meta({ description: 'When points earned here expire.' }),
          storeId: z.string(),
          sourceId: z
            .string()
            .nullable()
            .meta({ description: 'The purchase, answer, referral, voucher or lot the entry came from.' }),
          detail: z.string().nullable(),
        }),
      )
      .meta({ description: 'The newest 100 entries, newest first.' }),
  })
  .meta({ id: 'PointsAccount', description: "A member's points, tier and ledger." });
export type PointsAccountDto = z.infer<typeof pointsAccountDtoSchema>;

export const pointsSpendSchema = z
  .object({
    points: z
      .number({ error: 'points must be a number' })
      .int({ error: 'points must be a whole number' })
      .positive({ error: 'points must be more than 0' })
      .max(1_000_000_000),
    requestId: z
      .string({ error: 'requestId must be a string' })
      .trim()
      .min(8, { error: 'requestId must be at least 8 characters (a UUID from the till)' })
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/, { error: 'requestId may hold letters, digits, ".", "_" and "-"' })
      .meta({ description: 'Made once per spend by the caller: sending it again answers the same voucher.' }),
  })
  .meta({ id: 'PointsSpend', description: 'Points to turn into a voucher.' });
export type PointsSpendRequest = z.infer<typeof pointsSpendSchema>;

export const pointsSpendDtoSchema = z
  .object({
    voucher: z.object({
      id: z.string(),
      voucherCode: z.string(),
      amountMinor: count,
      currency: z.string(),
      issuedAt: instant,
      expiresAt: instant,
    }),
    balance: count,
    created: z
      .boolean()
      .meta({ description: 'false when the request id was already spent: the same voucher.' }),
  })
  .meta({ id: 'PointsSpent', description: 'The voucher the points became, and the balance left.' });
export type PointsSpendDto = z.infer<typeof pointsSpendDtoSchema>;
