import { ACTIVE_CASE_STATUSES } from '#contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import { unnestInsert } from '../unnest-insert.js';
import {
  CASE_COLUMNS,
  scopeClause,
  UPDATE_COLUMNS,
  type CaseAnswerRecord,
  type CaseFilter,
  type CasePriorityContext,
  type CaseRecord,
  type CaseScope,
  type CaseUpdate,
  type NewCase,
  type WaitingRecovery,
} from './case-record.js';

export * from './case-record.js';

/** Follow-up cases and the answers each one holds (`follow_up_cases`, `case_answers`). */
@Injectable()
export class CaseRepository {
  /** The case of each of these answers that has one. */
  async casesOfAnswers(manager: EntityManager, surveyEventIds: string[]): Promise<Map<string, string>> {
    if (surveyEventIds.length === 0) return new Map();
    const { rows } = await queryRows<{ survey_event_id: string; case_id: string }>(
      manager,
      'SELECT survey_event_id, case_id FROM case_answers WHERE survey_event_id = ANY($1::text[])',
      [surveyEventIds],
    );
    return new Map(rows.map((row) => [row.survey_event_id, row.case_id]));
  }

  /**
   * Serialises opening and joining cases for these customers at these stores until the transaction ends:
   * one statement, the locks always taken in the same (sorted) order, so that two transactions locking
   * overlapping pairs wait for each other instead of deadlocking.
   */
  async lockCustomersAtStores(
    manager: EntityManager,
    pairs: ReadonlyArray<{ customerId: string; storeId: string }>,
  ): Promise<void> {
    if (pairs.length === 0) return;
    const keys = [
      ...new Set(pairs.map((pair) => JSON.stringify(['case', pair.customerId, pair.storeId]))),
    ].sort();
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
         FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
      [keys],
    );
  }

  /** The active case of each pair that has one, locked for update, by `customerId storeId`. */
  async findActiveCases(
    manager: EntityManager,
    pairs: ReadonlyArray<{ customerId: string; storeId: string }>,
  ): Promise<Map<string, CaseRecord>> {
    const unique = [...new Map(pairs.map((pair) => [pairKey(pair), pair])).values()];
    if (unique.length === 0) return new Map();
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c
         JOIN unnest($1::text[], $2::text[]) AS p(customer_id, store_id)
           ON c.customer_id = p.customer_id AND c.store_id = p.store_id
        WHERE c.status = ANY($3::text[])
        ORDER BY c.id
        FOR UPDATE OF c`,
      [unique.map((pair) => pair.customerId), unique.map((pair) => pair.storeId), ACTIVE_CASE_STATUSES],
    );
    return new Map(rows.map((row) => [pairKey(row), row]));
  }

  /** Opens many cases in one statement, in the order given. */
  async openMany(manager: EntityManager, newCases: readonly NewCase[]): Promise<CaseRecord[]> {
    const rows = await unnestInsert<NewCase, CaseRecord>(manager, {
      table: 'follow_up_cases AS c',
      columns: [
        { name: 'customer_id', type: 'text', value: (item) => item.customerId },
        { name: 'store_id', type: 'text', value: (item) => item.storeId },
        { name: 'status', type: 'text', value: () => 'open' },
        { name: 'priority', type: 'int', value: (item) => item.priority },
        { name: 'opened_by_event_id', type: 'text', value: (item) => item.openedByEventId },
        { name: 'due_at', type: 'timestamptz', value: (item) => item.dueAt },
      ],
      rows: newCases,
      tail: `RETURNING ${CASE_COLUMNS}`,
    });
    const byOpener = new Map(rows.map((row) => [row.openedByEventId, row]));
    return newCases.map((item) => byOpener.get(item.openedByEventId)!);
  }

  /** Attaches many answers to their cases in one statement. */
  async attachAnswers(
    manager: EntityManager,
    attachments: ReadonlyArray<{ caseId: string; surveyEventId: string }>,
  ): Promise<void> {
    await unnestInsert(manager, {
      table: 'case_answers',
      columns: [
        { name: 'survey_event_id', type: 'text', value: (item) => item.surveyEventId },
        { name: 'case_id', type: 'uuid', value: (item) => item.caseId },
      ],
      rows: attachments,
    });
  }

  async find(manager: EntityManager, caseId: string, scope: CaseScope): Promise<CaseRecord | null> {
    const { clause, parameters } = scopeClause(scope, 2);
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c WHERE c.id = $1 ${clause}`,
      [caseId, ...parameters],
    );
    return rows[0] ?? null;
  }

  /** A page of cases, most urgent first (priority, then oldest), after the cursor's position. */
  async list(manager: EntityManager, filter: CaseFilter, scope: CaseScope): Promise<CaseRecord[]> {
    const conditions = new SqlConditions();
    if (filter.statuses) conditions.add((p) => `c.status = ANY(${p}::text[])`, filter.statuses);
    if (filter.storeId) conditions.add((p) => `c.store_id = ${p}`, filter.storeId);
    if (filter.customerId) conditions.add((p) => `c.customer_id = ${p}`, filter.customerId);
    if (filter.rootCause) conditions.add((p) => `c.root_cause = ${p}`, filter.rootCause);
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
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c ${conditions.where()}
        ORDER BY c.priority DESC, c.created_at, c.id
        LIMIT ${limit}`,
      conditions.parameters,
    );
    return rows;
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

  /** Locks one case for an action, within the caller's scope: another store's case is not found. */
  async findForUpdate(manager: EntityManager, caseId: string, scope: CaseScope): Promise<CaseRecord | null> {
    const { clause, parameters } = scopeClause(scope, 2);
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c WHERE c.id = $1 ${clause} FOR UPDATE`,
      [caseId, ...parameters],
    );
    return rows[0] ?? null;
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
    if (update.addContactAttempt)
      assignments.push(
        'contact_attempts = contact_attempts + 1',
        // The transaction's instant, as the contact's history entry has it.
        'first_contact_at = coalesce(first_contact_at, now())',
      );
    if (update.addReopen) assignments.push('reopen_count = reopen_count + 1');
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `UPDATE follow_up_cases c SET ${assignments.join(', ')} WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`,
      parameters,
    );
    return rows[0]!;
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
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c
        WHERE c.status = ANY($1::text[]) AND c.due_at <= $3 AND c.escalation_level < cardinality($2::bigint[])
          AND c.due_at + ($2::bigint[])[c.escalation_level + 1] * interval '1 millisecond' <= $3
        ORDER BY c.due_at LIMIT $4
        FOR UPDATE SKIP LOCKED`,
      [ACTIVE_CASE_STATUSES, offsetsMs, now, limit],
    );
    return rows;
  }

  async activeCasesOfStore(manager: EntityManager, storeId: string): Promise<CaseRecord[]> {
    const { rows } = await queryRows<CaseRecord>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM follow_up_cases c WHERE c.store_id = $1 AND c.status = ANY($2::text[]) ORDER BY c.id FOR UPDATE`,
      [storeId, ACTIVE_CASE_STATUSES],
    );
    return rows;
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
      tier: string | null;
      priority: number;
    }>(
      manager,
      `SELECT c.id, c.created_at, c.priority, min(a.score)::int AS lowest, count(a.event_id)::int AS answers,
              s.monetary_score, s.churn_level, m.tier
         FROM follow_up_cases c
         JOIN case_answers ca ON ca.case_id = c.id
         JOIN survey_answers a ON a.event_id = ca.survey_event_id
         LEFT JOIN customer_state s ON s.customer_id = c.customer_id
         LEFT JOIN loyalty_members m ON m.customer_id = c.customer_id
        WHERE c.status = ANY($1::text[]) ${caseIds ? 'AND c.id = ANY($2::uuid[])' : ''}
        GROUP BY c.id, s.monetary_score, s.churn_level, m.tier`,
      caseIds ? [ACTIVE_CASE_STATUSES, caseIds] : [ACTIVE_CASE_STATUSES],
    );
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lowestScore: row.lowest,
      answerCount: row.answers,
      monetaryScore: row.monetary_score,
      churnLevel: row.churn_level ?? 'none',
      tier: row.tier,
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
}

/** A case's customer and store as one key. */
export function pairKey(pair: { customerId: string; storeId: string }): string {
  return JSON.stringify([pair.customerId, pair.storeId]);
}
