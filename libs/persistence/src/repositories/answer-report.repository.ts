import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case-record.js';

/** Which answers a dashboard report counts: a store (else all in scope) and a period, `to` exclusive. */
export interface AnswerReportFilter {
  storeId: string | null;
  from: Date | null;
  to: Date | null;
}

export interface EmployeeCountsRow {
  employeeId: string;
  name: string | null;
  storeId: string | null;
  promoters: number;
  passives: number;
  detractors: number;
  tens: number;
}

export interface EmployeeCommentRow {
  employeeId: string;
  surveyEventId: string;
  score: number;
  comment: string;
  language: string | null;
  at: Date;
}

export interface ThemeCountRow {
  start: string;
  theme: string;
  answers: number;
  detractors: number;
}

/** The dashboard's reports on survey answers (people, comment themes), junk-flagged answers left out. */
@Injectable()
export class AnswerReportRepository {
  /** Each employee's answers in the period, as NPS counts and 10s. */
  async employeeCounts(
    manager: EntityManager,
    filter: AnswerReportFilter,
    scope: CaseScope,
  ): Promise<EmployeeCountsRow[]> {
    const conditions = answerConditions(filter, scope);
    const { rows } = await queryRows<EmployeeCountsRow>(
      manager,
      `SELECT a.employee_id AS "employeeId", e.name, e.store_id AS "storeId",
              count(*) FILTER (WHERE a.classification = 'promoter')::int AS promoters,
              count(*) FILTER (WHERE a.classification = 'passive')::int AS passives,
              count(*) FILTER (WHERE a.classification = 'detractor')::int AS detractors,
              count(*) FILTER (WHERE a.score = 10)::int AS tens
         FROM survey_answers a LEFT JOIN employees e ON e.id = a.employee_id
        WHERE a.employee_id IS NOT NULL AND a.employee_id <> '' ${conditions.and()}
        GROUP BY a.employee_id, e.name, e.store_id`,
      conditions.parameters,
    );
    return rows;
  }

  /** The latest `perEmployee` non-empty comments of each employee's answers in the period, newest first. */
  async employeeComments(
    manager: EntityManager,
    employeeIds: string[],
    filter: AnswerReportFilter,
    scope: CaseScope,
    perEmployee: number,
  ): Promise<EmployeeCommentRow[]> {
    if (employeeIds.length === 0) return [];
    const conditions = answerConditions(filter, scope, [employeeIds, perEmployee]);
    // One index walk per employee (survey_answers_employee_idx), newest first, stopping at `perEmployee`.
    const { rows } = await queryRows<EmployeeCommentRow>(
      manager,
      `SELECT employee.id AS "employeeId", c.event_id AS "surveyEventId", c.score, c.comment, c.language,
              c.occurred_at AS at
         FROM unnest($1::text[]) AS employee(id)
        CROSS JOIN LATERAL (
          SELECT a.event_id, a.score, a.comment, a.language, a.occurred_at FROM survey_answers a
           WHERE a.employee_id = employee.id AND a.comment IS NOT NULL AND btrim(a.comment) <> ''
                 ${conditions.and()}
           ORDER BY a.occurred_at DESC, a.event_id DESC LIMIT $2
        ) c
        ORDER BY 1, c.occurred_at DESC, c.event_id DESC`,
      conditions.parameters,
    );
    return rows;
  }

  /** Answers per theme and bucket (`interval` of the local day), and how many answers had any theme. */
  async themeCounts(
    manager: EntityManager,
    interval: 'day' | 'week' | 'month',
    filter: AnswerReportFilter,
    scope: CaseScope,
  ): Promise<{ counts: ThemeCountRow[]; themedAnswers: number }> {
    const conditions = answerConditions(filter, scope, [interval]);
    const unbucketed = answerConditions(filter, scope);
    const [counts, total] = await Promise.all([
      queryRows<ThemeCountRow>(
        manager,
        `SELECT to_char(date_trunc($1, a.local_day::timestamp), 'YYYY-MM-DD') AS start, theme,
                count(*)::int AS answers, count(*) FILTER (WHERE a.classification = 'detractor')::int AS detractors
           FROM survey_answers a CROSS JOIN LATERAL unnest(a.themes) AS theme
          WHERE cardinality(a.themes) > 0 ${conditions.and()}
          GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
        conditions.parameters,
      ),
      queryRows<{ answers: number }>(
        manager,
        `SELECT count(*)::int AS answers FROM survey_answers a WHERE cardinality(a.themes) > 0 ${unbucketed.and()}`,
        unbucketed.parameters,
      ),
    ]);
    return { counts: counts.rows, themedAnswers: total.rows[0]?.answers ?? 0 };
  }
}

/** Answers of good quality, of the store asked for and the caller's stores, in the period. */
function answerConditions(
  filter: AnswerReportFilter,
  scope: CaseScope,
  initial: unknown[] = [],
): SqlConditions {
  const conditions = new SqlConditions(initial);
  conditions.add(() => `a.quality = 'ok'`);
  if (filter.storeId) conditions.add((store) => `a.store_id = ${store}`, filter.storeId);
  conditions.inScope('a.store_id', scope);
  if (filter.from) conditions.add((from) => `a.occurred_at >= ${from}`, filter.from);
  if (filter.to) conditions.add((to) => `a.occurred_at < ${to}`, filter.to);
  return conditions;
}
