import { z } from 'zod';
import { count, instant, periodBound, periodOrdered } from './wire.js';

/** `GET /api/cross-sell/rules`: offers counted within the period (by when they were made) and store. */
export const crossSellRulesQuerySchema = z
  .object({
    storeId: z.string().min(1).max(64).optional(),
    from: periodBound.optional().meta({ description: 'Offers made from then on.' }),
    to: periodBound.optional().meta({ description: 'Offers made until then.' }),
  })
  .refine(periodOrdered, { error: 'from must not be after to', path: ['from'] });
export type CrossSellRulesQuery = z.infer<typeof crossSellRulesQuerySchema>;

const offerStatsSchema = z
  .object({
    made: count,
    converted: count.meta({
      description: 'Offers followed by a purchase of the category by the voucher expiry.',
    }),
    conversionRate: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: 'converted / made (0 when none were made).' }),
  })
  .meta({ id: 'CrossSellOfferStats' });

const share = z.number().min(0).max(1);

export const crossSellRuleDtoSchema = z
  .object({
    antecedent: z.string().meta({ description: 'The category the customer bought.' }),
    consequent: z.string().meta({ description: 'The category offered.' }),
    rank: z.number().int().min(1).meta({ description: '1 for the rule offered first where several apply.' }),
    support: share.meta({ description: 'Baskets holding both / all baskets.' }),
    confidence: share.meta({
      description: 'Baskets holding both / baskets holding the antecedent: P(B | A).',
    }),
    lift: z.number().min(0).meta({ description: 'confidence / P(consequent); above 1, A makes B likelier.' }),
    counts: z.object({
      baskets: count,
      antecedent: count.meta({ description: 'Baskets holding the antecedent.' }),
      consequent: count.meta({ description: 'Baskets holding the consequent.' }),
      both: count.meta({ description: 'Baskets holding both.' }),
    }),
    offers: offerStatsSchema,
  })
  .meta({
    id: 'CrossSellRule',
    description: 'A learned rule A → B with the counts behind it and its offers.',
  });
export type CrossSellRuleDto = z.infer<typeof crossSellRuleDtoSchema>;

export const crossSellReportDtoSchema = z
  .object({
    learning: z
      .object({
        learnedAt: instant,
        windowFrom: instant,
        windowTo: instant,
        baskets: count.meta({ description: 'Customers with a categorised purchase in the window.' }),
        thresholds: z.object({
          minSupport: share,
          minConfidence: share,
          minLift: z.number().min(0),
          minCount: count,
        }),
      })
      .nullable()
      .meta({ description: 'The latest learning; null before the first.' }),
    rules: z.array(crossSellRuleDtoSchema),
    retired: z
      .array(z.object({ antecedent: z.string(), consequent: z.string(), offers: offerStatsSchema }))
      .meta({ description: 'Rules the latest learning no longer holds, with the offers made from them.' }),
  })
  .meta({
    id: 'CrossSellReport',
    description:
      '`GET /api/cross-sell/rules`: the learned cross-sell rules and, per rule, the offers made in the caller’s stores and how many converted (docs/promoter-loop.md, Cross-sell offers).',
  });
export type CrossSellReportDto = z.infer<typeof crossSellReportDtoSchema>;

export const crossSellRunDtoSchema = z
  .object({
    jobId: z.string(),
    state: z.string().meta({ description: "The job's BullMQ state: waiting, active, completed, failed, …" }),
    progress: z
      .object({ done: count, total: count, percent: z.number().min(0).max(100) })
      .nullable()
      .meta({ description: 'Customers looked at by the offer sweep.' }),
    requestedAt: instant,
    finishedAt: instant.nullable(),
    result: z
      .object({
        baskets: count,
        rules: count,
        customers: count.meta({ description: 'Clients and Advocates who may receive marketing.' }),
        offered: count,
        skipped: z.record(z.string(), count).meta({ description: 'Customers not offered, by reason.' }),
      })
      .nullable(),
    failedReason: z.string().nullable(),
  })
  .meta({
    id: 'CrossSellRun',
    description: 'A learning of the rules and its offer sweep, followed at `/api/cross-sell/runs/{jobId}`.',
  });
export type CrossSellRunDto = z.infer<typeof crossSellRunDtoSchema>;
