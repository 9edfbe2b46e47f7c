import type { NpsCounts } from '#domain';
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

/** Groupings as SQL over the read model; `n` is nps_daily, `s` the store (absent for unknown stores). */
const GROUP_EXPRESSIONS: Record<NpsGroupKey, string> = {
  day: `to_char(n.day, 'YYYY-MM-DD')`,
  week: `to_char(n.day, 'IYYY-"W"IW')`,
  month: `to_char(n.day, 'YYYY-MM')`,
  store: 'n.store_id',
  region: `coalesce(s.region_id, '(unknown)')`,
  employee: `CASE WHEN n.employee_id = '' THEN '(none)' ELSE n.employee_id END`,
};

@Injectable()
export class NpsRepository {
  /** Answer counts per group, within the filter and the caller's scope, groups in key order. */
  async counts(
    manager: EntityManager,
    groupBy: NpsGroupKey,
    filter: NpsFilter,
    scope: CaseScope,
  ): Promise<Array<{ key: string } & NpsCounts>> {
    const conditions = new SqlConditions();
    if (filter.from) conditions.add((p) => `n.day >= ${p}::date`, filter.from);
    if (filter.to) conditions.add((p) => `n.day <= ${p}::date`, filter.to);
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
         FROM nps_daily n LEFT JOIN stores s ON s.id = n.store_id
        ${conditions.where()}
        GROUP BY 1
        ORDER BY 1`,
      conditions.parameters,
    );
    return rows;
  }
}
