import { isLocalDay, type NpsCounts } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';

export type NpsGroupKey = 'day' | 'week' | 'month' | 'store' | 'region' | 'employee';

export interface NpsFilter {
  from?: string;
  to?: string;
  storeId?: string;
  regionId?: string;
  employeeId?: string;
  /** Count only answers triage did not flag. */
  excludeFlagged?: boolean;
}

/** Groupings as SQL over the read model; `n` is nps_daily (or answers shaped as it), `s` the store (absent for unknown stores). */
const GROUP_EXPRESSIONS: Record<NpsGroupKey, string> = {
  day: `to_char(n.day, 'YYYY-MM-DD')`,
  week: `to_char(n.day, 'IYYY-"W"IW')`,
  month: `to_char(n.day, 'YYYY-MM')`,
  store: 'n.store_id',
  region: `coalesce(s.region_id, '(unknown)')`,
  employee: `CASE WHEN n.employee_id = '' THEN '(none)' ELSE n.employee_id END`,
};

/** Whether a bound is an instant, which nps_daily's whole days cannot honour. */
const exact = (filter: NpsFilter): boolean =>
  [filter.from, filter.to].some((bound) => bound !== undefined && !isLocalDay(bound));

/**
 * The answers themselves, shaped as nps_daily's rows (one per answer) with their time: a period bounded by
 * an instant is counted from them. The planner pushes the period down to survey_answers_time_idx.
 */
const ANSWER_COUNTS = `(SELECT a.store_id, coalesce(a.employee_id, '') AS employee_id, a.local_day AS day, a.occurred_at,
    (a.classification = 'promoter')::int AS promoters, (a.classification = 'passive')::int AS passives,
    (a.classification = 'detractor')::int AS detractors,
    (a.classification = 'promoter' AND a.quality = 'flagged')::int AS flagged_promoters,
    (a.classification = 'passive' AND a.quality = 'flagged')::int AS flagged_passives,
    (a.classification = 'detractor' AND a.quality = 'flagged')::int AS flagged_detractors
  FROM survey_answers a)`;

@Injectable()
export class NpsRepository {
  /**
   * Answer counts per group, within the filter and the caller's scope, groups in key order: from nps_daily
   * when the period is whole local days, from the answers when a bound is an instant (`to` excluded).
   */
  async counts(
    manager: EntityManager,
    groupBy: NpsGroupKey,
    filter: NpsFilter,
    scope: CaseScope,
  ): Promise<Array<{ key: string } & NpsCounts>> {
    const conditions = new SqlConditions();
    // A day is each store's local day, which both sources keep (`to` inclusive); an instant needs the
    // answers' times (`to` excluded).
    if (filter.from !== undefined)
      conditions.add(
        (p) => (isLocalDay(filter.from!) ? `n.day >= ${p}::date` : `n.occurred_at >= ${p}::timestamptz`),
        filter.from,
      );
    if (filter.to !== undefined)
      conditions.add(
        (p) => (isLocalDay(filter.to!) ? `n.day <= ${p}::date` : `n.occurred_at < ${p}::timestamptz`),
        filter.to,
      );
    if (filter.storeId) conditions.add((p) => `n.store_id = ${p}`, filter.storeId);
    if (filter.regionId) conditions.add((p) => `s.region_id = ${p}`, filter.regionId);
    if (filter.employeeId) conditions.add((p) => `n.employee_id = ${p}`, filter.employeeId);
    conditions.inScope('n.store_id', scope);
    const key = GROUP_EXPRESSIONS[groupBy];
    const count = (column: string) =>
      filter.excludeFlagged ? `n.${column} - n.flagged_${column}` : `n.${column}`;
    const { rows } = await queryRows<{
      key: string;
      promoters: number;
      passives: number;
      detractors: number;
    }>(
      manager,
      `SELECT ${key} AS key, sum(${count('promoters')})::int AS promoters, sum(${count('passives')})::int AS passives,
              sum(${count('detractors')})::int AS detractors
         FROM ${exact(filter) ? ANSWER_COUNTS : 'nps_daily'} n LEFT JOIN stores s ON s.id = n.store_id
        ${conditions.where()}
        GROUP BY 1
        ORDER BY 1`,
      conditions.parameters,
    );
    return rows;
  }
}
