import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export interface CaseHistoryRecord {
  caseId: string;
  at: Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/** What happened to each case, who did it and when (`case_history`). */
@Injectable()
export class CaseHistoryRepository {
  async add(
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

  /** Many entries in one statement, in the order given. */
  async addMany(
    manager: EntityManager,
    entries: ReadonlyArray<{
      caseId: string;
      actor: string;
      action: string;
      details: Record<string, unknown>;
    }>,
  ): Promise<void> {
    await unnestInsert(manager, {
      table: 'case_history',
      columns: [
        { name: 'case_id', type: 'uuid', value: (entry) => entry.caseId },
        { name: 'actor', type: 'text', value: (entry) => entry.actor },
        { name: 'action', type: 'text', value: (entry) => entry.action },
        { name: 'details', type: 'jsonb', value: (entry) => JSON.stringify(entry.details) },
      ],
      rows: entries,
    });
  }

  async ofCases(manager: EntityManager, caseIds: string[]): Promise<CaseHistoryRecord[]> {
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
}
