import { z } from 'zod';
import { count, periodBound, periodOrdered } from './wire.js';

export const NPS_GROUPINGS = ['day', 'week', 'month', 'store', 'region', 'employee'] as const;
export type NpsGrouping = (typeof NPS_GROUPINGS)[number];

export const npsQuerySchema = z
  .object({
    from: periodBound.optional().meta({
      description: "The first local day (each store's), inclusive, or an instant; without it, all time.",
    }),
    to: periodBound
      .optional()
      .meta({ description: 'The last local day, inclusive, or an instant, excluded.' }),
    storeId: z.string().min(1).max(64).optional(),
    regionId: z.string().min(1).max(64).optional(),
    employeeId: z.string().min(1).max(128).optional(),
    groupBy: z.enum(NPS_GROUPINGS, { error: `must be one of ${NPS_GROUPINGS.join(', ')}` }).default('store'),
    excludeFlagged: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .default(false)
      .meta({
        description: 'Leave out answers comment triage flagged as junk, as leaderboards and recognition do.',
      }),
  })
  .refine(periodOrdered, {
    error: 'from must not be after to',
    path: ['from'],
  });

export type NpsQuery = z.infer<typeof npsQuerySchema>;

export const npsRowDtoSchema = z
  .object({
    key: z.string().meta({
      description:
        'The group: a day (YYYY-MM-DD), an ISO week (YYYY-Www), a month (YYYY-MM), or a store, region or employee ' +
        'id; `total` for the total row.',
    }),
    responses: count,
    promoters: count,
    passives: count,
    detractors: count,
    nps: z.number().min(-100).max(100).nullable(),
    marginOfError95: z.number().min(0).nullable(),
    lowSample: z.boolean(),
  })
  .meta({ id: 'NpsRow' });
export type NpsRowDto = z.infer<typeof npsRowDtoSchema>;

export const npsReportDtoSchema = z
  .object({
    groupBy: z.enum(NPS_GROUPINGS),
    from: periodBound.nullable().meta({ description: 'As asked: a local day or an instant.' }),
    to: periodBound.nullable(),
    minimumSample: count,
    excludeFlagged: z.boolean(),
    rows: z.array(npsRowDtoSchema).meta({ description: 'In key order; the total is apart.' }),
    total: npsRowDtoSchema,
  })
  .meta({ id: 'NpsReport', description: '`GET /api/nps`: NPS per group with its 95% margin of error.' });
export type NpsReportDto = z.infer<typeof npsReportDtoSchema>;
