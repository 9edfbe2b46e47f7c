import type { CaseStatus } from '#contracts';

export interface CaseRecord {
  id: string;
  customerId: string;
  storeId: string;
  status: CaseStatus;
  priority: number;
  ownerId: string | null;
  openedByEventId: string;
  dueAt: Date;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  rootCause: string | null;
  resolution: string | null;
  ownerName: string | null;
  outcome: 'resolved' | 'unreachable' | null;
  contactAttempts: number;
  escalationLevel: number;
  lastEscalatedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  recoveryStatus: 'not-applicable' | 'waiting' | 'recovered';
  recoveredAt: Date | null;
  recoveredBy: string | null;
  resurveyRequestedAt: Date | null;
  /** created_at to the microsecond, for page cursors (a JavaScript Date keeps only milliseconds). */
  createdAtExact: string;
}

/** What an action or a timer changes on a case; absent fields stay as they are. */
export interface CaseUpdate {
  status?: CaseStatus;
  ownerId?: string | null;
  ownerName?: string | null;
  outcome?: 'resolved' | 'unreachable' | null;
  rootCause?: string | null;
  resolution?: string | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  dueAt?: Date;
  priority?: number;
  escalationLevel?: number;
  lastEscalatedAt?: Date | null;
  recoveryStatus?: 'not-applicable' | 'waiting' | 'recovered';
  recoveredAt?: Date | null;
  recoveredBy?: string | null;
  resurveyRequestedAt?: Date | null;
  /** Adds one to the count of contact attempts. */
  addContactAttempt?: boolean;
  /** Adds one to the count of reopenings. */
  addReopen?: boolean;
}

export const UPDATE_COLUMNS: Record<Exclude<keyof CaseUpdate, 'addContactAttempt' | 'addReopen'>, string> = {
  status: 'status',
  ownerId: 'owner_id',
  ownerName: 'owner_name',
  outcome: 'outcome',
  rootCause: 'root_cause',
  resolution: 'resolution',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  dueAt: 'due_at',
  priority: 'priority',
  escalationLevel: 'escalation_level',
  lastEscalatedAt: 'last_escalated_at',
  recoveryStatus: 'recovery_status',
  recoveredAt: 'recovered_at',
  recoveredBy: 'recovered_by',
  resurveyRequestedAt: 'resurvey_requested_at',
};

/** What the priority of an open case is computed from. */
export interface CasePriorityContext {
  id: string;
  createdAt: Date;
  lowestScore: number;
  answerCount: number;
  monetaryScore: number | null;
  churnLevel: 'none' | 'watch' | 'high';
  priority: number;
}

/** A resolved case waiting to see whether its customer comes back. */
export interface WaitingRecovery {
  caseId: string;
  customerId: string;
  resolvedAt: Date;
  highestScore: number;
}

export interface CaseAnswerRecord {
  caseId: string;
  surveyEventId: string;
  score: number;
  comment: string | null;
  employeeId: string | null;
  occurredAt: Date;
}

export interface NewCase {
  customerId: string;
  storeId: string;
  priority: number;
  openedByEventId: string;
  dueAt: Date;
}

/** Which cases a caller may see; every query that serves a user takes one. */
export type CaseScope = { kind: 'all' } | { kind: 'stores'; storeIds: string[] };

export interface CaseFilter {
  statuses?: readonly CaseStatus[];
  storeId?: string;
  regionId?: string;
  customerId?: string;
  overdue?: boolean;
  limit: number;
  after?: { priority: number; createdAt: string; id: string };
}

export const CASE_COLUMNS = `c.id, c.customer_id, c.store_id, c.status, c.priority, c.owner_id, c.opened_by_event_id,
                      c.owner_name, c.outcome, c.contact_attempts, c.escalation_level, c.last_escalated_at,
                      c.closed_at, c.reopen_count, c.recovery_status, c.recovered_at, c.recovered_by,
                      c.resurvey_requested_at,
                      c.due_at, c.created_at, c.updated_at, c.resolved_at, c.root_cause, c.resolution,
                      to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_exact`;

export interface CaseRow {
  id: string;
  customer_id: string;
  store_id: string;
  status: CaseStatus;
  priority: number;
  owner_id: string | null;
  opened_by_event_id: string;
  due_at: Date;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  root_cause: string | null;
  resolution: string | null;
  owner_name: string | null;
  outcome: 'resolved' | 'unreachable' | null;
  contact_attempts: number;
  escalation_level: number;
  last_escalated_at: Date | null;
  closed_at: Date | null;
  reopen_count: number;
  recovery_status: 'not-applicable' | 'waiting' | 'recovered';
  recovered_at: Date | null;
  recovered_by: string | null;
  resurvey_requested_at: Date | null;
  created_at_exact: string;
}

export function scopeClause(
  scope: CaseScope,
  firstPlaceholder: number,
): { clause: string; parameters: unknown[] } {
  if (scope.kind === 'all') return { clause: '', parameters: [] };
  return { clause: `AND c.store_id = ANY($${firstPlaceholder}::text[])`, parameters: [scope.storeIds] };
}

export function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    storeId: row.store_id,
    status: row.status,
    priority: row.priority,
    ownerId: row.owner_id,
    openedByEventId: row.opened_by_event_id,
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    rootCause: row.root_cause,
    resolution: row.resolution,
    ownerName: row.owner_name,
    outcome: row.outcome,
    contactAttempts: row.contact_attempts,
    escalationLevel: row.escalation_level,
    lastEscalatedAt: row.last_escalated_at,
    closedAt: row.closed_at,
    reopenCount: row.reopen_count,
    recoveryStatus: row.recovery_status,
    recoveredAt: row.recovered_at,
    recoveredBy: row.recovered_by,
    resurveyRequestedAt: row.resurvey_requested_at,
    createdAtExact: row.created_at_exact,
  };
}
