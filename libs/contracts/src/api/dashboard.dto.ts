import { z } from 'zod';
import { count, instant, localDay, periodBound, periodOrdered } from './wire.js';

/** The filters of the dashboard's answer reports: a store (else every store in scope) and a period. */
const periodFilter = {
  storeId: z.string().min(1).max(64).optional(),
  from: periodBound.optional(),
  to: periodBound.optional(),
};
const ordered = { error: 'from must not be after to', path: ['from'] };

export const peopleQuerySchema = z.object(periodFilter).refine(periodOrdered, ordered);
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

export const personCommentDtoSchema = z
  .object({
    surveyEventId: z.string(),
    score: z.number().int().min(0).max(10),
    comment: z.string(),
    language: z.string().nullable().meta({ description: 'fa, en, mixed or unknown (comment triage).' }),
    at: instant,
  })
  .meta({ id: 'PersonComment', description: "A customer's words about the employee." });

export const personRowDtoSchema = z
  .object({
    employeeId: z.string(),
    name: z.string().nullable().meta({ description: "The directory's name; null for an unknown employee." }),
    storeId: z.string().nullable().meta({ description: "The employee's store in the directory." }),
    responses: count,
    promoters: count,
    passives: count,
    detractors: count,
    tens: count.meta({ description: 'Answers of 10 naming the employee.' }),
    nps: z.number().min(-100).max(100).nullable(),
    marginOfError95: z.number().min(0).nullable(),
    comments: z
      .array(personCommentDtoSchema)
      .max(3)
      .meta({ description: 'The latest (up to 3) non-empty comments of the period, newest first.' }),
  })
  .meta({ id: 'PersonRow' });
export type PersonRowDto = z.infer<typeof personRowDtoSchema>;

export const peopleReportDtoSchema = z
  .object({
    minimumSample: count.meta({
      description: 'Answers an employee needs to be ranked (LADDER_NPS_MIN_SAMPLE).',
    }),
    ranked: z.array(personRowDtoSchema).meta({
      description: 'Employees with at least minimumSample answers: NPS, then 10s, highest first.',
    }),
    notEnoughAnswers: z.array(personRowDtoSchema).meta({
      description: 'Employees under the minimum sample, never ranked: by employee id.',
    }),
  })
  .meta({
    id: 'PeopleReport',
    description:
      "`GET /api/people`: employees by NPS and by the 10s they earned, junk-flagged answers left out, with the customers' words.",
  });
export type PeopleReportDto = z.infer<typeof peopleReportDtoSchema>;

export const THEME_INTERVALS = ['day', 'week', 'month'] as const;
export type ThemeInterval = (typeof THEME_INTERVALS)[number];

export const themesQuerySchema = z
  .object({
    ...periodFilter,
    interval: z
      .enum(THEME_INTERVALS, { error: `must be one of ${THEME_INTERVALS.join(', ')}` })
      .default('week'),
  })
  .refine(periodOrdered, ordered);
export type ThemesQuery = z.infer<typeof themesQuerySchema>;

const themeCount = {
  theme: z.string().meta({ description: 'A theme key of comment triage: wait-time, staff, price, …' }),
  answers: count,
  detractors: count.meta({ description: 'Of those answers, the detractors.' }),
};

export const themesReportDtoSchema = z
  .object({
    interval: z.enum(THEME_INTERVALS),
    buckets: z.array(
      z.object({
        start: localDay.meta({
          description: 'The first local day of the bucket (a week starts on Monday).',
        }),
        themes: z.array(z.object(themeCount)),
      }),
    ),
    totals: z.array(
      z.object({
        ...themeCount,
        share: z
          .number()
          .min(0)
          .max(1)
          .meta({ description: 'Of the answers with any theme, the share with this one.' }),
      }),
    ),
  })
  .meta({
    id: 'ThemesReport',
    description:
      '`GET /api/themes`: the comment themes per day, week or month in the store time zone, junk-flagged answers left out; totals by answers, most first.',
  });
export type ThemesReportDto = z.infer<typeof themesReportDtoSchema>;
