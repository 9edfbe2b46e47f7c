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
  /** The member tier of the case's customer (preferred service), null for none. */
  tier: string | null;
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
  rootCause?: string;
  limit: number;
  after?: { priority: number; createdAt: string; id: string };
}

/** The columns of a CaseRecord, named as it names them (the table is `c`). */
export const CASE_COLUMNS = `c.id, c.customer_id AS "customerId", c.store_id AS "storeId", c.status, c.priority,
  c.owner_id AS "ownerId", c.opened_by_event_id AS "openedByEventId", c.owner_name AS "ownerName", c.outcome,
  c.contact_attempts AS "contactAttempts", c.escalation_level AS "escalationLevel",
  c.last_escalated_at AS "lastEscalatedAt", c.closed_at AS "closedAt", c.reopen_count AS "reopenCount",
  c.recovery_status AS "recoveryStatus", c.recovered_at AS "recoveredAt", c.recovered_by AS "recoveredBy",
  c.resurvey_requested_at AS "resurveyRequestedAt", c.due_at AS "dueAt", c.created_at AS "createdAt",
  c.updated_at AS "updatedAt", c.resolved_at AS "resolvedAt", c.root_cause AS "rootCause", c.resolution,
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtExact"`;

export function scopeClause(
  scope: CaseScope,
  firstPlaceholder: number,
): { clause: string; parameters: unknown[] } {
  if (scope.kind === 'all') return { clause: '', parameters: [] };
  return { clause: `AND c.store_id = ANY($${firstPlaceholder}::text[])`, parameters: [scope.storeIds] };
}
