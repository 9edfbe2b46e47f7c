import {
  ACTIVE_STATUSES,
  CASE_ACTION_TYPES,
  CASE_STATUSES,
  ROOT_CAUSES,
  UNREACHABLE_ROOT_CAUSE,
  type CaseActionType,
  type CaseStatus,
} from '#domain';
import { z } from 'zod';
import { count, instant, pageOf, periodBound, periodOrdered } from './wire.js';

export { CASE_STATUSES, type CaseStatus };
/** Statuses in which a case still needs someone to act: at most one such case per customer and store. */
export const ACTIVE_CASE_STATUSES = ACTIVE_STATUSES;
const CASE_ACTIONS = CASE_ACTION_TYPES as [CaseActionType, ...CaseActionType[]];

export const caseAnswerDtoSchema = z
  .object({
    surveyEventId: z.string(),
    score: z.number().int().min(0).max(10),
    comment: z.string().nullable(),
    employeeId: z.string().nullable(),
    occurredAt: instant,
  })
  .meta({ id: 'CaseAnswer', description: 'A detractor answer of the case, as the survey event told it.' });
export type CaseAnswerDto = z.infer<typeof caseAnswerDtoSchema>;

export const caseHistoryEntryDtoSchema = z
  .object({
    at: instant,
    actor: z.string(),
    action: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CaseHistoryEntry', description: 'One step of the case, oldest first.' });
export type CaseHistoryEntryDto = z.infer<typeof caseHistoryEntryDtoSchema>;

export const caseDtoSchema = z
  .object({
    id: z.string(),
    status: z.enum(CASE_STATUSES),
    storeId: z.string(),
    regionId: z.string().nullable(),
    knownStore: z.boolean(),
    customerId: z.string(),
    surveyEventId: z
      .string()
      .meta({ description: 'The answer that opened the case; later answers are in `answers`.' }),
    score: z.number().int().min(0).max(10),
    comment: z.string().nullable(),
    priority: z.number().meta({ description: 'Higher is called first (docs/closing-the-loop.md).' }),
    ownerId: z.string().nullable(),
    dueAt: instant,
    overdue: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
    resolvedAt: instant.nullable(),
    rootCause: z.string().nullable(),
    resolution: z
      .string()
      .nullable()
      .meta({ description: 'What was done, as the person who resolved the case wrote it.' }),
    outcome: z.enum(['resolved', 'unreachable']).nullable(),
    ownerName: z.string().nullable(),
    contactAttempts: count,
    escalationLevel: count,
    closedAt: instant.nullable(),
    recovery: z.object({
      status: z.enum(['not-applicable', 'waiting', 'recovered']),
      at: instant.nullable(),
      by: z.string().nullable(),
    }),
    allowedActions: z.array(z.enum(CASE_ACTIONS)).meta({
      description:
        'What the caller can do to the case now (`POST /api/cases/:id/<action>`), in the order a person works ' +
        'it; the operations UI offers exactly these.',
    }),
    answers: z.array(caseAnswerDtoSchema),
    history: z.array(caseHistoryEntryDtoSchema),
  })
  .meta({
    id: 'Case',
    description: 'A follow-up case: a detractor to call back, with what the caller may do now.',
  });
export type CaseDto = z.infer<typeof caseDtoSchema>;

export const casePageDtoSchema = pageOf(caseDtoSchema, 'CasePage', 'Cases in priority order, highest first.');
export type CasePageDto = z.infer<typeof casePageDtoSchema>;

const booleanQuery = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');

export const caseListQuerySchema = z.object({
  status: z
    .enum(['active', ...CASE_STATUSES], { error: `must be active or one of ${CASE_STATUSES.join(', ')}` })
    .optional(),
  storeId: z.string().min(1).max(64).optional(),
  regionId: z.string().min(1).max(64).optional(),
  customerId: z.string().min(1).max(128).optional(),
  overdue: booleanQuery.optional(),
  /** The cases behind a root cause of the dashboard's Pareto. */
  rootCause: z
    .enum([...ROOT_CAUSES, UNREACHABLE_ROOT_CAUSE], {
      error: `must be one of ${[...ROOT_CAUSES, UNREACHABLE_ROOT_CAUSE].join(', ')}`,
    })
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(100, { error: 'must be at most 100' })
    .default(25),
  cursor: z.string().max(500).optional(),
});

export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, {
      error: `${what} must be at most ${max} characters`,
    });

export const noteRequestSchema = z.object({ text: text('text', 2000) });
export const contactRequestSchema = z.object({
  result: z.enum(['reached', 'no-answer', 'unreachable'], {
    error: 'result must be reached, no-answer or unreachable',
  }),
  note: text('note', 2000).optional(),
});
export const resolveRequestSchema = z.object({
  rootCause: z.enum(ROOT_CAUSES, { error: `rootCause must be one of ${ROOT_CAUSES.join(', ')}` }),
  actionTaken: text('actionTaken', 2000),
});
export const reasonRequestSchema = z.object({ reason: text('reason', 1000) });
export const emptyRequestSchema = z.object({}).optional();

export type NoteRequest = z.infer<typeof noteRequestSchema>;
export type ContactRequest = z.infer<typeof contactRequestSchema>;
export type ResolveRequest = z.infer<typeof resolveRequestSchema>;
export type ReasonRequest = z.infer<typeof reasonRequestSchema>;

/** `GET /api/recovery`: did the customers come back after their cases were resolved? */
export const recoveryQuerySchema = z
  .object({
    storeId: z.string().min(1).max(64).optional(),
    from: periodBound.optional(),
    to: periodBound.optional(),
  })
  .refine(periodOrdered, { error: 'from must not be after to', path: ['from'] });
export type RecoveryQuery = z.infer<typeof recoveryQuerySchema>;

export const recoveryRowDtoSchema = z
  .object({
    storeId: z.string(),
    resolved: count.meta({
      description: 'Cases resolved with the customer reached (unreachable ones are counted apart).',
    }),
    recovered: count,
    waiting: count,
    unreachable: count,
    rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'recovered / resolved, 0–1; null without resolved cases.' }),
  })
  .meta({ id: 'RecoveryRow' });
export type RecoveryRowDto = z.infer<typeof recoveryRowDtoSchema>;

export const recoveryReportDtoSchema = z
  .object({
    from: instant.nullable().meta({ description: 'The period as instants; null for all time.' }),
    to: instant.nullable().meta({ description: 'The first instant after the period.' }),
    rows: z.array(recoveryRowDtoSchema),
    total: recoveryRowDtoSchema,
  })
  .meta({
    id: 'RecoveryReport',
    description: '`GET /api/recovery`: did the customers come back after their cases were resolved?',
  });
export type RecoveryReportDto = z.infer<typeof recoveryReportDtoSchema>;

export const queueHealthQuerySchema = recoveryQuerySchema;
export type QueueHealthQuery = z.infer<typeof queueHealthQuerySchema>;

const durationMs = z
  .number()
  .min(0)
  .nullable()
  .meta({ description: 'Milliseconds; null without cases to measure.' });

export const queueHealthRowDtoSchema = z
  .object({
    storeId: z.string(),
    open: count.meta({ description: 'Active cases now.' }),
    overdue: count.meta({ description: 'Active cases past their due time now.' }),
    claimed: count.meta({ description: 'Active cases someone has claimed.' }),
    opened: count.meta({ description: 'Cases opened in the period.' }),
    escalated: count.meta({ description: 'Of those, how many escalated.' }),
    firstContactP50Ms: durationMs,
    firstContactP90Ms: durationMs,
    resolved: count.meta({ description: 'Cases resolved in the period.' }),
    resolveP50Ms: durationMs,
    resolveP90Ms: durationMs,
    withinSla: count.meta({ description: 'Of those resolved, how many by their due time.' }),
    slaCompliance: z.number().min(0).max(1).nullable().meta({ description: 'withinSla / resolved.' }),
  })
  .meta({ id: 'QueueHealthRow' });

export const queueHealthDtoSchema = z
  .object({
    from: instant.nullable().meta({ description: 'The period as instants; null for all time.' }),
    to: instant.nullable().meta({ description: 'The first instant after the period.' }),
    rows: z.array(queueHealthRowDtoSchema),
  })
  .meta({
    id: 'QueueHealth',
    description:
      '`GET /api/queue-health`: per store, the queue now (open, overdue, claimed) and, over the period, time to first contact and to resolve (median and 90th percentile), SLA compliance and escalations.',
  });
export type QueueHealthDto = z.infer<typeof queueHealthDtoSchema>;

export const rootCauseQuerySchema = recoveryQuerySchema;
export type RootCauseQuery = z.infer<typeof rootCauseQuerySchema>;

export const rootCauseReportDtoSchema = z
  .object({
    from: instant.nullable().meta({ description: 'The period as instants; null for all time.' }),
    to: instant.nullable().meta({ description: 'The first instant after the period.' }),
    resolved: count.meta({ description: 'Cases resolved in the period with a root cause.' }),
    outerLoopWeeks: z.array(z.string()).meta({
      description: "The outer loop's weeks: the period's last ISO week and the three before it.",
    }),
    rows: z.array(
      z.object({
        rootCause: z.string(),
        cases: count,
        share: z.number().min(0).max(1).meta({ description: 'cases / resolved' }),
        cumulativeShare: z
          .number()
          .min(0)
          .max(1)
          .meta({ description: 'This cause and every larger one: the Pareto line.' }),
        weeks: z
          .array(z.object({ week: z.string().meta({ description: 'ISO week, 2026-W49' }), cases: count }))
          .meta({ description: 'The trend: cases per ISO week of the period that had any.' }),
        recurring: z.boolean().meta({
          description:
            'Keeps coming back (the outer loop): found in at least three of `outerLoopWeeks`, a cause to fix above the store.',
        }),
      }),
    ),
  })
  .meta({
    id: 'RootCauseReport',
    description:
      "`GET /api/root-causes`: what must change, largest first (a Pareto), with each cause's weekly trend.",
  });
export type RootCauseReportDto = z.infer<typeof rootCauseReportDtoSchema>;
