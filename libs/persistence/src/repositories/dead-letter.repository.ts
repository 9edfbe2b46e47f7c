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
  /** The key byte for byte, when `key` is not exactly it (a NUL byte, broken UTF-8). */
  keyBytes: Buffer | null;
  value: Buffer | null;
  reasonCode: RejectionCode;
  reasonMessage: string;
  fields: FieldProblem[] | null;
  rejectedAt: Date;
  redrivenAt: Date | null;
}

/** The columns of a DeadLetterRecord, named as it names them. */
const COLUMNS = `id::text AS id, source_topic AS "sourceTopic", source_partition AS "partition",
                 source_offset::text AS "offset", message_key AS "key", message_key_bytes AS "keyBytes", value, reason_code AS "reasonCode",
                 reason_message AS "reasonMessage", fields, rejected_at AS "rejectedAt", redriven_at AS "redrivenAt"`;

export interface DeadLetterSelection {
  reasonCode?: string;
  topic?: string;
  rejectedFrom?: Date;
  rejectedTo?: Date;
  /** Include dead letters already redriven once. */
  includeRedriven: boolean;
}

/** Where a redriven message ended: dead-lettered again (with why), taken in as new, or neither yet. */
export interface PositionOutcome {
  topic: string;
  partition: number;
  offset: string;
  deadLetter: { reasonCode: string; reasonMessage: string } | null;
  processed: boolean;
}

@Injectable()
export class DeadLetterRepository {
  /** A page of the dead letters a selection matches, oldest first, after `afterId`. */
  async select(
    manager: EntityManager,
    selection: DeadLetterSelection,
    afterId: string,
    limit: number,
  ): Promise<DeadLetterRecord[]> {
    const { rows } = await queryRows<DeadLetterRecord>(
      manager,
      `SELECT ${COLUMNS} FROM dead_letters
        WHERE id > $1::bigint AND ($2::text IS NULL OR reason_code = $2) AND ($3::text IS NULL OR source_topic = $3)
          AND ($4::timestamptz IS NULL OR rejected_at >= $4) AND ($5::timestamptz IS NULL OR rejected_at < $5)
          AND ($6 OR redriven_at IS NULL)
        ORDER BY id LIMIT $7`,
      [
        afterId,
        selection.reasonCode ?? null,
        selection.topic ?? null,
        selection.rejectedFrom ?? null,
        selection.rejectedTo ?? null,
        selection.includeRedriven,
        limit,
      ],
    );
    return rows;
  }

  /** What became of the messages at these positions of their topics. */
  async outcomesAt(
    manager: EntityManager,
    positions: ReadonlyArray<{ topic: string; partition: number; offset: string }>,
  ): Promise<PositionOutcome[]> {
    if (positions.length === 0) return [];
    const { rows } = await queryRows<{
      topic: string;
      partition: number;
      offset: string;
      reasonCode: string | null;
      reasonMessage: string | null;
      processed: boolean;
    }>(
      manager,
      `SELECT p.topic, p.partition, p.position::text AS "offset", d.reason_code AS "reasonCode",
              d.reason_message AS "reasonMessage",
              EXISTS (SELECT 1 FROM processed_events e
                       WHERE e.topic = p.topic AND e.source_partition = p.partition AND e.source_offset = p.position)
                AS processed
         FROM unnest($1::text[], $2::int[], $3::bigint[]) AS p(topic, partition, position)
         LEFT JOIN dead_letters d
           ON d.source_topic = p.topic AND d.source_partition = p.partition AND d.source_offset = p.position`,
      [positions.map((p) => p.topic), positions.map((p) => p.partition), positions.map((p) => p.offset)],
    );
    return rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      deadLetter:
        row.reasonCode === null
          ? null
          : { reasonCode: row.reasonCode, reasonMessage: row.reasonMessage ?? '' },
      processed: row.processed,
    }));
  }

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
