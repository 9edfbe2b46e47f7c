import { z } from 'zod';

export const CASE_STATUSES = [
  'open',
  'claimed',
  'contact-attempted',
  'contacted',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses in which a case still needs someone to act: at most one such case per customer and store. */
export const ACTIVE_CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'claimed',
  'contact-attempted',
  'contacted',
];

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
