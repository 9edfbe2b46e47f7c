import { z } from 'zod';

export const NPS_GROUPINGS = ['day', 'week', 'month', 'store', 'region', 'employee'] as const;
export type NpsGrouping = (typeof NPS_GROUPINGS)[number];

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'must be a real date' });

export const npsQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    storeId: z.string().min(1).max(64).optional(),
    regionId: z.string().min(1).max(64).optional(),
    employeeId: z.string().min(1).max(128).optional(),
    groupBy: z.enum(NPS_GROUPINGS, { error: `must be one of ${NPS_GROUPINGS.join(', ')}` }).default('store'),
    /** Leave out answers comment triage flagged as junk, as leaderboards and recognition do. */
    excludeFlagged: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .default(false),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: 'from must not be after to',
    path: ['from'],
  });

export type NpsQuery = z.infer<typeof npsQuerySchema>;

export interface NpsRowDto {
  /** The group: a day (YYYY-MM-DD), an ISO week (YYYY-Www), a month (YYYY-MM), or a store, region or employee id. */
  key: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  marginOfError95: number | null;
  lowSample: boolean;
}

export interface NpsReportDto {
  groupBy: NpsGrouping;
  from: string | null;
  to: string | null;
  minimumSample: number;
  excludeFlagged: boolean;
  rows: NpsRowDto[];
  total: NpsRowDto;
}
