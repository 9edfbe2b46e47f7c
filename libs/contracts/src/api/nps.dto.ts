import { z } from 'zod';
import { count, localDay } from './wire.js';

export const NPS_GROUPINGS = ['day', 'week', 'month', 'store', 'region', 'employee'] as const;
export type NpsGrouping = (typeof NPS_GROUPINGS)[number];

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  // Date.parse takes 2026-02-31 (as 3 March): only a day that comes back unchanged is a real one.
  .refine(
    (value) => {
      const parsed = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
    },
    { error: 'must be a real date' },
  );

export const npsQuerySchema = z
  .object({
    from: isoDay.optional().meta({ description: 'The first local day, inclusive; without it, all time.' }),
    to: isoDay.optional().meta({ description: 'The last local day, inclusive.' }),
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
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
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
    from: localDay.nullable(),
    to: localDay.nullable(),
    minimumSample: count,
    excludeFlagged: z.boolean(),
    rows: z.array(npsRowDtoSchema).meta({ description: 'In key order; the total is apart.' }),
    total: npsRowDtoSchema,
  })
  .meta({ id: 'NpsReport', description: '`GET /api/nps`: NPS per group with its 95% margin of error.' });
export type NpsReportDto = z.infer<typeof npsReportDtoSchema>;
