import { ACTIVE_STATUSES, CASE_STATUSES, ROOT_CAUSES, type CaseActionType, type CaseStatus } from '#domain';
import { z } from 'zod';

export { CASE_STATUSES, type CaseStatus };
/** Statuses in which a case still needs someone to act: at most one such case per customer and store. */
export const ACTIVE_CASE_STATUSES = ACTIVE_STATUSES;

export interface CaseAnswerDto {
  surveyEventId: string;
  score: number;
  comment: string | null;
  employeeId: string | null;
  occurredAt: string;
}

export interface CaseHistoryEntryDto {
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface CaseDto {
  id: string;
  status: CaseStatus;
  storeId: string;
  regionId: string | null;
  knownStore: boolean;
  customerId: string;
  /** The answer that opened the case; later answers are in `answers`. */
  surveyEventId: string;
  score: number;
  comment: string | null;
  priority: number;
  ownerId: string | null;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  rootCause: string | null;
  /** What was done, as the person who resolved the case wrote it. */
  resolution: string | null;
  outcome: 'resolved' | 'unreachable' | null;
  ownerName: string | null;
  contactAttempts: number;
  escalationLevel: number;
  closedAt: string | null;
  recovery: { status: 'not-applicable' | 'waiting' | 'recovered'; at: string | null; by: string | null };
  /**
   * What the caller can do to the case now (`POST /api/cases/:id/<action>`), in the order a person works it;
   * the operations UI offers exactly these.
   */
  allowedActions: CaseActionType[];
  answers: CaseAnswerDto[];
  history: CaseHistoryEntryDto[];
}

export interface CasePageDto {
  items: CaseDto[];
  nextCursor: string | null;
}

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
export const recoveryQuerySchema = z.object({
  storeId: z.string().min(1).max(64).optional(),
  from: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 date and time with an offset' })
    .optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date and time with an offset' }).optional(),
});
export type RecoveryQuery = z.infer<typeof recoveryQuerySchema>;

export interface RecoveryRowDto {
  storeId: string;
  /** Cases resolved with the customer reached (unreachable ones are counted apart). */
  resolved: number;
  recovered: number;
  waiting: number;
  unreachable: number;
  /** recovered / resolved, 0–1; null without resolved cases. */
  rate: number | null;
}

export interface RecoveryReportDto {
  from: string | null;
  to: string | null;
  rows: RecoveryRowDto[];
  total: RecoveryRowDto;
}
