import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { scopeClause, type CaseScope } from './case-record.js';

export interface HuddleCaseRow {
  id: string;
  customerId: string;
  score: number;
  priority: number;
  dueAt: Date;
  ownerName: string | null;
  status: string;
}

/** The read queries of the reports: the daily huddle, the weekly outer loop, recovery after cases. */
@Injectable()
export class ReportRepository {
  async openCases(
    manager: EntityManager,
    storeId: string,
    now: Date,
  ): Promise<{ open: number; overdue: number; top: HuddleCaseRow[] }> {
    const counts = await queryRows<{ open: number; overdue: number }>(
      manager,
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE due_at < $2)::int AS overdue
         FROM follow_up_cases WHERE store_id = $1 AND status IN ('open', 'claimed', 'contact-attempted', 'contacted')`,
      [storeId, now],
    );
    const top = await queryRows<{
      id: string;
      customer_id: string;
      score: number;
      priority: number;
      due_at: Date;
      owner_name: string | null;
      status: string;
    }>(
      manager,
      `SELECT c.id, c.customer_id, a.score, c.priority, c.due_at, c.owner_name, c.status
         FROM follow_up_cases c JOIN survey_answers a ON a.event_id = c.opened_by_event_id
        WHERE c.store_id = $1 AND c.status IN ('open', 'claimed', 'contact-attempted', 'contacted')
        ORDER BY c.priority DESC, c.created_at LIMIT 10`,
      [storeId],
    );
    return {
      open: counts.rows[0]?.open ?? 0,
      overdue: counts.rows[0]?.overdue ?? 0,
      top: top.rows.map((row) => ({
        id: row.id,
        customerId: row.customer_id,
        score: row.score,
        priority: row.priority,
        dueAt: row.due_at,
        ownerName: row.owner_name,
        status: row.status,
      })),
    };
  }

  /** Themes of the day's detractor answers at a store, junk left out. */
  async detractorThemes(
    manager: EntityManager,
    storeId: string,
    day: string,
  ): Promise<Array<{ theme: string; answers: number }>> {
    const { rows } = await queryRows<{ theme: string; answers: number }>(
      manager,
      `SELECT theme, count(*)::int AS answers
         FROM survey_answers, unnest(themes) AS theme
        WHERE store_id = $1 AND local_day = $2::date AND classification = 'detractor' AND quality = 'ok'
        GROUP BY theme ORDER BY 2 DESC, 1`,
      [storeId, day],
    );
    return rows;
  }

  /** Root causes of the cases resolved within the period with the customer reached (not unreachable ones). */
  async rootCauses(
    manager: EntityManager,
    storeIds: string[],
    from: Date,
    to: Date,
  ): Promise<Array<{ storeId: string; rootCause: string; resolvedAt: Date }>> {
    const { rows } = await queryRows<{ store_id: string; root_cause: string; resolved_at: Date }>(
      manager,
      `SELECT store_id, root_cause, resolved_at FROM follow_up_cases
        WHERE store_id = ANY($1::text[]) AND resolved_at >= $2 AND resolved_at < $3
          AND outcome = 'resolved' AND root_cause IS NOT NULL
        ORDER BY resolved_at`,
      [storeIds, from, to],
    );
    return rows.map((row) => ({
      storeId: row.store_id,
      rootCause: row.root_cause,
      resolvedAt: row.resolved_at,
    }));
  }

  /** The day's 10s at a store with the employee they name, junk left out. */
  async tens(
    manager: EntityManager,
    storeId: string,
    day: string,
  ): Promise<Array<{ employeeId: string | null; employeeName: string | null; comment: string | null }>> {
    const { rows } = await queryRows<{
      employee_id: string | null;
      employee_name: string | null;
      comment: string | null;
    }>(
      manager,
      `SELECT a.employee_id, e.name AS employee_name, a.comment
         FROM survey_answers a LEFT JOIN employees e ON e.id = a.employee_id
        WHERE a.store_id = $1 AND a.local_day = $2::date AND a.score = 10 AND a.quality = 'ok'
        ORDER BY a.occurred_at`,
      [storeId, day],
    );
    return rows.map((row) => ({
      employeeId: row.employee_id,
      employeeName: row.employee_name,
      comment: row.comment,
    }));
  }

  /** Employee NPS counts at a store over the period, junk left out (a leaderboard's input). */
  async employeeCounts(
    manager: EntityManager,
    storeId: string,
    fromDay: string,
    toDay: string,
  ): Promise<
    Array<{
      employeeId: string;
      name: string | null;
      promoters: number;
      passives: number;
      detractors: number;
    }>
  > {
    const { rows } = await queryRows<{
      employee_id: string;
      name: string | null;
      promoters: number;
      passives: number;
      detractors: number;
    }>(
      manager,
      `SELECT n.employee_id, e.name,
              sum(n.promoters - n.flagged_promoters)::int AS promoters,
              sum(n.passives - n.flagged_passives)::int AS passives,
              sum(n.detractors - n.flagged_detractors)::int AS detractors
         FROM nps_daily n LEFT JOIN employees e ON e.id = n.employee_id
        WHERE n.store_id = $1 AND n.employee_id <> '' AND n.day BETWEEN $2::date AND $3::date
        GROUP BY n.employee_id, e.name`,
      [storeId, fromDay, toDay],
    );
    return rows.map((row) => ({
      employeeId: row.employee_id,
      name: row.name,
      promoters: row.promoters,
      passives: row.passives,
      detractors: row.detractors,
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

  /**
   * Root causes of the cases resolved (customer reached) in the period, per ISO week of the resolution in
   * `timeZone`, within the caller's stores: the Pareto and its trend come from these counts alone.
   */
  async rootCauseWeeks(
    manager: EntityManager,
    period: { from: Date | null; to: Date | null },
    scope: CaseScope,
    storeId: string | null,
    timeZone: string,
  ): Promise<RootCauseWeekRow[]> {
    const scoped = scopeClause(scope, 5);
    const { rows } = await queryRows<RootCauseWeekRow>(
      manager,
      `SELECT c.root_cause AS "rootCause", to_char(c.resolved_at AT TIME ZONE $4, 'IYYY-"W"IW') AS week,
              count(*)::int AS cases
         FROM follow_up_cases c
        WHERE c.outcome = 'resolved' AND c.root_cause IS NOT NULL AND c.resolved_at IS NOT NULL
          AND ($1::timestamptz IS NULL OR c.resolved_at >= $1) AND ($2::timestamptz IS NULL OR c.resolved_at < $2)
          AND ($3::text IS NULL OR c.store_id = $3) ${scoped.clause}
        GROUP BY 1, 2 ORDER BY 2, 1`,
      [period.from, period.to, storeId, timeZone, ...scoped.parameters],
    );
    return rows;
  }

  /**
   * The follow-up queue's health per store: what is open, overdue and claimed now; of the cases opened in
   * the period, how fast the first contact attempt came (the case's first_contact_at) and how many
   * escalated; of those resolved in it, how fast and within their SLA. Times in milliseconds; percentiles
   * are null without cases to measure.
   */
  async queueHealth(
    manager: EntityManager,
    period: { from: Date | null; to: Date | null },
    scope: CaseScope,
    storeId: string | null,
    now: Date,
  ): Promise<QueueHealthRow[]> {
    const scoped = scopeClause(scope, 5);
    const { rows } = await queryRows<QueueHealthRow>(
      manager,
      `WITH c AS MATERIALIZED (
         SELECT c.store_id, c.status, c.due_at, c.escalation_level,
                extract(epoch FROM c.first_contact_at - c.created_at) * 1000 AS to_contact_ms,
                extract(epoch FROM c.resolved_at - c.created_at) * 1000 AS to_resolve_ms,
                c.resolved_at <= c.due_at AS within_sla,
                (c.created_at >= coalesce($1::timestamptz, '-infinity') AND c.created_at < coalesce($2::timestamptz, 'infinity')) AS opened_in,
                (c.resolved_at >= coalesce($1::timestamptz, '-infinity') AND c.resolved_at < coalesce($2::timestamptz, 'infinity')) AS resolved_in
           FROM follow_up_cases c
          WHERE ($3::text IS NULL OR c.store_id = $3) ${scoped.clause}
            -- Only the cases a figure counts: active now, or opened or resolved in the period.
            AND (c.status IN ('open', 'claimed', 'contact-attempted', 'contacted')
                 OR (c.created_at >= coalesce($1::timestamptz, '-infinity') AND c.created_at < coalesce($2::timestamptz, 'infinity'))
                 OR (c.resolved_at >= coalesce($1::timestamptz, '-infinity') AND c.resolved_at < coalesce($2::timestamptz, 'infinity')))
       ), per_store AS (
         -- One sort per pair of percentiles, not one per percentile.
         SELECT store_id,
                count(*) FILTER (WHERE status IN ('open', 'claimed', 'contact-attempted', 'contacted'))::int AS open,
                count(*) FILTER (WHERE status IN ('open', 'claimed', 'contact-attempted', 'contacted') AND due_at < $4)::int
                  AS overdue,
                count(*) FILTER (WHERE status IN ('claimed', 'contact-attempted', 'contacted'))::int AS claimed,
                count(*) FILTER (WHERE opened_in)::int AS opened,
                count(*) FILTER (WHERE opened_in AND escalation_level > 0)::int AS escalated,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY to_contact_ms)
                  FILTER (WHERE opened_in AND to_contact_ms IS NOT NULL) AS to_contact,
                count(*) FILTER (WHERE resolved_in)::int AS resolved,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY to_resolve_ms) FILTER (WHERE resolved_in)
                  AS to_resolve,
                count(*) FILTER (WHERE resolved_in AND within_sla)::int AS within_sla
           FROM c GROUP BY store_id
       )
       SELECT store_id AS "storeId", open, overdue, claimed, opened, escalated,
              to_contact[1] AS "firstContactP50Ms", to_contact[2] AS "firstContactP90Ms", resolved,
              to_resolve[1] AS "resolveP50Ms", to_resolve[2] AS "resolveP90Ms", within_sla AS "withinSla"
         FROM per_store ORDER BY store_id`,
      [period.from, period.to, storeId, now, ...scoped.parameters],
    );
    return rows;
  }
}

/** One root cause's cases in one ISO week of the period. */
export interface RootCauseWeekRow {
  rootCause: string;
  week: string;
  cases: number;
}

export interface QueueHealthRow {
  storeId: string;
  open: number;
  overdue: number;
  claimed: number;
  opened: number;
  escalated: number;
  firstContactP50Ms: number | null;
  firstContactP90Ms: number | null;
  resolved: number;
  resolveP50Ms: number | null;
  resolveP90Ms: number | null;
  withinSla: number;
}
