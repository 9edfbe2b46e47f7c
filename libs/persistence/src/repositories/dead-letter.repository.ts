import type { FieldProblem, RejectionCode } from '#contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export interface DeadLetterRecord {
  id: string;
  sourceTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  reasonCode: RejectionCode;
  reasonMessage: string;
  fields: FieldProblem[] | null;
  rejectedAt: Date;
  redrivenAt: Date | null;
}

/** The columns of a DeadLetterRecord, named as it names them. */
const COLUMNS = `id::text AS id, source_topic AS "sourceTopic", source_partition AS "partition",
                 source_offset::text AS "offset", message_key AS "key", value, reason_code AS "reasonCode",
                 reason_message AS "reasonMessage", fields, rejected_at AS "rejectedAt", redriven_at AS "redrivenAt"`;

@Injectable()
export class DeadLetterRepository {
  async list(
    manager: EntityManager,
    filter: { topic?: string; code?: string; limit: number },
  ): Promise<DeadLetterRecord[]> {
    const { rows } = await queryRows<DeadLetterRecord>(
      manager,
      `SELECT ${COLUMNS} FROM dead_letters
        WHERE ($1::text IS NULL OR source_topic = $1) AND ($2::text IS NULL OR reason_code = $2)
        ORDER BY id DESC LIMIT $3`,
      [filter.topic ?? null, filter.code ?? null, filter.limit],
    );
    return rows;
  }

  async find(manager: EntityManager, id: string): Promise<DeadLetterRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const { rows } = await queryRows<DeadLetterRecord>(
      manager,
      `SELECT ${COLUMNS} FROM dead_letters WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markRedriven(manager: EntityManager, id: string): Promise<void> {
    await queryRows(manager, 'UPDATE dead_letters SET redriven_at = now() WHERE id = $1', [id]);
  }

  async countByCode(manager: EntityManager): Promise<Record<string, number>> {
    const { rows } = await queryRows<{ reason_code: string; count: number }>(
      manager,
      'SELECT reason_code, count(*)::int AS count FROM dead_letters GROUP BY reason_code',
    );
    return Object.fromEntries(rows.map((row) => [row.reason_code, row.count]));
  }
}
