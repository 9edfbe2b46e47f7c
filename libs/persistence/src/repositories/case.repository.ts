import { ACTIVE_CASE_STATUSES, type CaseStatus } from '#contracts';
import type { Classification } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';

export interface StoredAnswer {
  eventId: string;
  customerId: string;
  storeId: string;
  employeeId: string | null;
  score: number;
  classification: Classification;
  comment: string | null;
  marketingConsent: boolean | null;
  occurredAt: Date;
}

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

const UPDATE_COLUMNS: Record<Exclude<keyof CaseUpdate, 'addContactAttempt' | 'addReopen'>, string> = {
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

export interface CaseHistoryRecord {
  caseId: string;
  at: Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
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

const CASE_COLUMNS = `c.id, c.customer_id, c.store_id, c.status, c.priority, c.owner_id, c.opened_by_event_id,
                      c.owner_name, c.outcome, c.contact_attempts, c.escalation_level, c.last_escalated_at,
                      c.closed_at, c.reopen_count, c.recovery_status, c.recovered_at, c.recovered_by,
                      c.resurvey_requested_at,
                      c.due_at, c.created_at, c.updated_at, c.resolved_at, c.root_cause, c.resolution,
                      to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_exact`;

interface CaseRow {
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

@Injectable()
export class CaseRepository {
  async findAnswer(manager: EntityManager, eventId: string): Promise<StoredAnswer | null> {
    const { rows } = await queryRows<{
      event_id: string;
      customer_id: string;
      store_id: string;
      employee_id: string | null;
      score: number;
      classification: Classification;
      comment: string | null;
      marketing_consent: boolean | null;
      occurred_at: Date;
    }>(
      manager,
      `SELECT event_id, customer_id, store_id, employee_id, score, classification, comment, marketing_consent, occurred_at
         FROM survey_answers WHERE event_id = $1`,
      [eventId],
    );
    const row = rows[0];
    return row
      ? {
          eventId: row.event_id,
          customerId: row.customer_id,
          storeId: row.store_id,
          employeeId: row.employee_id,
          score: row.score,
          classification: row.classification,
          comment: row.comment,
          marketingConsent: row.marketing_consent,
          occurredAt: row.occurred_at,
        }
      : null;
  }

  async caseOfAnswer(manager: EntityManager, surveyEventId: string): Promise<string | null> {
    const { rows } = await queryRows<{ case_id: string }>(
      manager,
      'SELECT case_id FROM case_answers WHERE survey_event_id = $1',
      [surveyEventId],
    );
    return rows[0]?.case_id ?? null;
  }

  /** Serialises opening and joining cases for one customer at one store, until the transaction ends. */
  async lockCustomerAtStore(manager: EntityManager, customerId: string, storeId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      JSON.stringify(['case', customerId, storeId]),
    ]);
  }

  async findActiveCase(
    manager: EntityManager,
    customerId: string,
    storeId: string,
  ): Promise<CaseRecord | null> {
    const { rows } = await queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c
        WHERE c.customer_id = $1 AND c.store_id = $2 AND c.status = ANY($3::text[])
        FOR UPDATE`,
      [customerId, storeId, ACTIVE_CASE_STATUSES],
    );
    return rows[0] ? toCase(rows[0]) : null;
  }

  async open(manager: EntityManager, newCase: NewCase): Promise<CaseRecord> {
    const { rows } = await queryRows<CaseRow>(
      manager,
      `INSERT INTO follow_up_cases AS c (customer_id, store_id, status, priority, opened_by_event_id, due_at)
       VALUES ($1, $2, 'open', $3, $4, $5)
       RETURNING ${CASE_COLUMNS}`,
      [newCase.customerId, newCase.storeId, newCase.priority, newCase.openedByEventId, newCase.dueAt],
    );
    return toCase(rows[0]!);
  }

  async attachAnswer(manager: EntityManager, caseId: string, surveyEventId: string): Promise<void> {
    await manager.query('INSERT INTO case_answers (survey_event_id, case_id) VALUES ($1, $2)', [
      surveyEventId,
      caseId,
    ]);
  }

  async addHistory(
    manager: EntityManager,
    caseId: string,
    actor: string,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await manager.query(
      'INSERT INTO case_history (case_id, actor, action, details) VALUES ($1, $2, $3, $4)',
      [caseId, actor, action, JSON.stringify(details)],
    );
  }

  async answerStats(
    manager: EntityManager,
    caseId: string,
  ): Promise<{ lowestScore: number; answerCount: number }> {
    const { rows } = await queryRows<{ lowest: number; count: number }>(
      manager,
      `SELECT min(a.score)::int AS lowest, count(*)::int AS count
         FROM case_answers ca JOIN survey_answers a ON a.event_id = ca.survey_event_id
        WHERE ca.case_id = $1`,
      [caseId],
    );
    return { lowestScore: rows[0]?.lowest ?? 10, answerCount: rows[0]?.count ?? 0 };
  }

  async setPriority(manager: EntityManager, caseId: string, priority: number): Promise<void> {
    await manager.query('UPDATE follow_up_cases SET priority = $2, updated_at = now() WHERE id = $1', [
      caseId,
      priority,
    ]);
  }

  async find(manager: EntityManager, caseId: string, scope: CaseScope): Promise<CaseRecord | null> {
    const { clause, parameters } = scopeClause(scope, 2);
    const { rows } = await queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c WHERE c.id = $1 ${clause}`,
      [caseId, ...parameters],
    );
    return rows[0] ? toCase(rows[0]) : null;
  }

  /** A page of cases, most urgent first (priority, then oldest), after the cursor's position. */
  async list(manager: EntityManager, filter: CaseFilter, scope: CaseScope): Promise<CaseRecord[]> {
    const conditions = new SqlConditions();
    if (filter.statuses) conditions.add((p) => `c.status = ANY(${p}::text[])`, filter.statuses);
    if (filter.storeId) conditions.add((p) => `c.store_id = ${p}`, filter.storeId);
    if (filter.customerId) conditions.add((p) => `c.customer_id = ${p}`, filter.customerId);
    if (filter.regionId)
      conditions.add((p) => `c.store_id IN (SELECT id FROM stores WHERE region_id = ${p})`, filter.regionId);
    if (filter.overdue !== undefined) {
      conditions.add(
        (p) => `(c.status = ANY(${p}::text[]) AND c.due_at < now()) = ${filter.overdue ? 'true' : 'false'}`,
        ACTIVE_CASE_STATUSES,
      );
    }
    if (filter.after) {
      const { priority, createdAt, id } = filter.after;
      conditions.add(
        (p, at, after) =>
          `(c.priority < ${p} OR (c.priority = ${p} AND (c.created_at, c.id) > (${at}::timestamptz, ${after}::uuid)))`,
        priority,
        createdAt,
        id,
      );
    }
    conditions.inScope('c.store_id', scope);
    const limit = conditions.parameter(filter.limit);
    const { rows } = await queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c ${conditions.where()}
        ORDER BY c.priority DESC, c.created_at, c.id
        LIMIT ${limit}`,
      conditions.parameters,
    );
    return rows.map(toCase);
  }

  async answersOf(manager: EntityManager, caseIds: string[]): Promise<CaseAnswerRecord[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await queryRows<{
      case_id: string;
      survey_event_id: string;
      score: number;
      comment: string | null;
      employee_id: string | null;
      occurred_at: Date;
    }>(
      manager,
      `SELECT ca.case_id, ca.survey_event_id, a.score, a.comment, a.employee_id, a.occurred_at
         FROM case_answers ca JOIN survey_answers a ON a.event_id = ca.survey_event_id
        WHERE ca.case_id = ANY($1::uuid[])
        ORDER BY a.occurred_at, ca.survey_event_id`,
      [caseIds],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      surveyEventId: row.survey_event_id,
      score: row.score,
      comment: row.comment,
      employeeId: row.employee_id,
      occurredAt: row.occurred_at,
    }));
  }

  async historyOf(manager: EntityManager, caseIds: string[]): Promise<CaseHistoryRecord[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await queryRows<{
      case_id: string;
      at: Date;
      actor: string;
      action: string;
      details: Record<string, unknown>;
    }>(
      manager,
      `SELECT case_id, at, actor, action, details FROM case_history WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, id`,
      [caseIds],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      details: row.details,
    }));
  }

  /** Locks one case for an action, within the caller's scope: another store's case is not found. */
  async findForUpdate(manager: EntityManager, caseId: string, scope: CaseScope): Promise<CaseRecord | null> {
    const { clause, parameters } = scopeClause(scope, 2);
    const { rows } = await queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c WHERE c.id = $1 ${clause} FOR UPDATE`,
      [caseId, ...parameters],
    );
    return rows[0] ? toCase(rows[0]) : null;
  }

  async update(manager: EntityManager, caseId: string, update: CaseUpdate): Promise<CaseRecord> {
    const assignments: string[] = ['updated_at = now()'];
    const parameters: unknown[] = [caseId];
    for (const [field, column] of Object.entries(UPDATE_COLUMNS) as Array<
      [keyof typeof UPDATE_COLUMNS, string]
    >) {
      if (update[field] !== undefined) {
        parameters.push(update[field]);
        assignments.push(`${column} = $${parameters.length}`);
      }
    }
    if (update.addContactAttempt) assignments.push('contact_attempts = contact_attempts + 1');
    if (update.addReopen) assignments.push('reopen_count = reopen_count + 1');
    const { rows } = await queryRows<CaseRow>(
      manager,
      `UPDATE follow_up_cases c SET ${assignments.join(', ')} WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`,
      parameters,
    );
    return toCase(rows[0]!);
  }

  /**
   * Active cases whose next escalation step is due: `offsets[n]` is how long after the due time step n+1
   * is taken. Locked with SKIP LOCKED, so several sweeps never take the same case.
   */
  async claimDueForEscalation(
    manager: EntityManager,
    offsetsMs: number[],
    now: Date,
    limit: number,
  ): Promise<CaseRecord[]> {
    const { rows } = await queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c
        WHERE c.status = ANY($1::text[]) AND c.due_at <= $3 AND c.escalation_level < cardinality($2::bigint[])
          AND c.due_at + ($2::bigint[])[c.escalation_level + 1] * interval '1 millisecond' <= $3
        ORDER BY c.due_at LIMIT $4
        FOR UPDATE SKIP LOCKED`,
      [ACTIVE_CASE_STATUSES, offsetsMs, now, limit],
    );
    return rows.map(toCase);
  }

  /** When the case's SLA clock started: its last reopening, or its opening. */
  async openedSince(manager: EntityManager, caseId: string): Promise<Date> {
    const { rows } = await queryRows<{ since: Date }>(
      manager,
      `SELECT coalesce((SELECT max(at) FROM case_history WHERE case_id = $1 AND action = 'reopened'),
                       (SELECT created_at FROM follow_up_cases WHERE id = $1)) AS since`,
      [caseId],
    );
    return rows[0]!.since;
  }

  async activeCasesOfStore(manager: EntityManager, storeId: string): Promise<CaseRecord[]> {
    const { rows } = await queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c WHERE c.store_id = $1 AND c.status = ANY($2::text[]) ORDER BY c.id FOR UPDATE`,
      [storeId, ACTIVE_CASE_STATUSES],
    );
    return rows.map(toCase);
  }

  /** Every active case with what its priority is computed from: its answers and its customer's state. */
  async priorityContexts(manager: EntityManager, caseIds?: string[]): Promise<CasePriorityContext[]> {
    const { rows } = await queryRows<{
      id: string;
      created_at: Date;
      lowest: number;
      answers: number;
      monetary_score: number | null;
      churn_level: 'none' | 'watch' | 'high' | null;
      priority: number;
    }>(
      manager,
      `SELECT c.id, c.created_at, c.priority, min(a.score)::int AS lowest, count(a.event_id)::int AS answers,
              s.monetary_score, s.churn_level
         FROM follow_up_cases c
         JOIN case_answers ca ON ca.case_id = c.id
         JOIN survey_answers a ON a.event_id = ca.survey_event_id
         LEFT JOIN customer_state s ON s.customer_id = c.customer_id
        WHERE c.status = ANY($1::text[]) ${caseIds ? 'AND c.id = ANY($2::uuid[])' : ''}
        GROUP BY c.id, s.monetary_score, s.churn_level`,
      caseIds ? [ACTIVE_CASE_STATUSES, caseIds] : [ACTIVE_CASE_STATUSES],
    );
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lowestScore: row.lowest,
      answerCount: row.answers,
      monetaryScore: row.monetary_score,
      churnLevel: row.churn_level ?? 'none',
      priority: row.priority,
    }));
  }

  /** Sets many priorities in one statement. */
  async setPriorities(
    manager: EntityManager,
    priorities: Array<{ id: string; priority: number }>,
  ): Promise<void> {
    if (priorities.length === 0) return;
    const sorted = [...priorities].sort((a, b) => (a.id < b.id ? -1 : 1));
    await queryRows(
      manager,
      `UPDATE follow_up_cases c SET priority = v.priority
         FROM unnest($1::uuid[], $2::int[]) AS v(id, priority) WHERE c.id = v.id AND c.priority <> v.priority`,
      [sorted.map((item) => item.id), sorted.map((item) => item.priority)],
    );
  }

  async waitingRecoveries(manager: EntityManager, customerIds: string[]): Promise<WaitingRecovery[]> {
    if (customerIds.length === 0) return [];
    const { rows } = await queryRows<{ id: string; customer_id: string; resolved_at: Date; highest: number }>(
      manager,
      `SELECT c.id, c.customer_id, c.resolved_at,
              (SELECT max(a.score)::int FROM case_answers ca JOIN survey_answers a ON a.event_id = ca.survey_event_id
                WHERE ca.case_id = c.id) AS highest
         FROM follow_up_cases c
        WHERE c.recovery_status = 'waiting' AND c.customer_id = ANY($1::text[])
        ORDER BY c.id
        FOR UPDATE`,
      [customerIds],
    );
    return rows.map((row) => ({
      caseId: row.id,
      customerId: row.customer_id,
      resolvedAt: row.resolved_at,
      highestScore: row.highest,
    }));
  }

  /** Resolved cases and recoveries per store, for cases resolved within the period. */
  async recoveryCounts(
    manager: EntityManager,
    period: { from: Date | null; to: Date | null },
    scope: CaseScope,
    storeId: string | null,
  ): Promise<
    Array<{ storeId: string; resolved: number; recovered: number; waiting: number; unreachable: number }>
  > {
    const scoped = scopeClause(scope, 4);
    const { rows } = await queryRows<{
      store_id: string;
      resolved: number;
      recovered: number;
      waiting: number;
      unreachable: number;
    }>(
      manager,
      `SELECT c.store_id,
              count(*) FILTER (WHERE c.outcome = 'resolved')::int AS resolved,
              count(*) FILTER (WHERE c.recovery_status = 'recovered')::int AS recovered,
              count(*) FILTER (WHERE c.recovery_status = 'waiting')::int AS waiting,
              count(*) FILTER (WHERE c.outcome = 'unreachable')::int AS unreachable
         FROM follow_up_cases c
        WHERE c.resolved_at IS NOT NULL
          AND ($1::timestamptz IS NULL OR c.resolved_at >= $1) AND ($2::timestamptz IS NULL OR c.resolved_at < $2)
          AND ($3::text IS NULL OR c.store_id = $3) ${scoped.clause}
        GROUP BY c.store_id ORDER BY c.store_id`,
      [period.from, period.to, storeId, ...scoped.parameters],
    );
    return rows.map((row) => ({
      storeId: row.store_id,
      resolved: row.resolved,
      recovered: row.recovered,
      waiting: row.waiting,
      unreachable: row.unreachable,
    }));
  }

  async countByStatus(manager: EntityManager): Promise<Record<string, number>> {
    const { rows } = await queryRows<{ status: string; count: string }>(
      manager,
      'SELECT status, count(*)::text AS count FROM follow_up_cases GROUP BY status',
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }
}

function scopeClause(scope: CaseScope, firstPlaceholder: number): { clause: string; parameters: unknown[] } {
  if (scope.kind === 'all') return { clause: '', parameters: [] };
  return { clause: `AND c.store_id = ANY($${firstPlaceholder}::text[])`, parameters: [scope.storeIds] };
}

function toCase(row: CaseRow): CaseRecord {
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
