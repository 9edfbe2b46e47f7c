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

interface DeadLetterRow {
  id: string;
  source_topic: string;
  source_partition: number;
  source_offset: string;
  message_key: string | null;
  value: Buffer | null;
  reason_code: RejectionCode;
  reason_message: string;
  fields: FieldProblem[] | null;
  rejected_at: Date;
  redriven_at: Date | null;
}

const COLUMNS = `id::text AS id, source_topic, source_partition, source_offset::text AS source_offset, message_key,
                 value, reason_code, reason_message, fields, rejected_at, redriven_at`;

@Injectable()
export class DeadLetterRepository {
  async list(
    manager: EntityManager,
    filter: { topic?: string; code?: string; limit: number },
  ): Promise<DeadLetterRecord[]> {
    const { rows } = await queryRows<DeadLetterRow>(
      manager,
      `SELECT ${COLUMNS} FROM dead_letters
        WHERE ($1::text IS NULL OR source_topic = $1) AND ($2::text IS NULL OR reason_code = $2)
        ORDER BY id DESC LIMIT $3`,
      [filter.topic ?? null, filter.code ?? null, filter.limit],
    );
    return rows.map(toRecord);
  }

  async find(manager: EntityManager, id: string): Promise<DeadLetterRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const { rows } = await queryRows<DeadLetterRow>(
      manager,
      `SELECT ${COLUMNS} FROM dead_letters WHERE id = $1`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
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

function toRecord(row: DeadLetterRow): DeadLetterRecord {
  return {
    id: row.id,
    sourceTopic: row.source_topic,
    partition: row.source_partition,
    offset: row.source_offset,
    key: row.message_key,
    value: row.value,
    reasonCode: row.reason_code,
    reasonMessage: row.reason_message,
    fields: row.fields,
    rejectedAt: row.rejected_at,
    redrivenAt: row.redriven_at,
  };
}
