import type { JobRequest, OutputTopic } from '#contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export type OutboxMessage =
  { kind: 'kafka'; topic: OutputTopic; key: string; value: unknown } | { kind: 'job'; job: JobRequest };

export interface PendingOutboxMessage {
  id: string;
  kind: 'kafka' | 'job';
  destination: string;
  messageKey: string;
  payload: unknown;
  runAt: Date | null;
}

@Injectable()
export class OutboxRepository {
  /** Writes messages in the caller's transaction; returns their ids, for publishing right after commit. */
  async append(manager: EntityManager, messages: OutboxMessage[]): Promise<string[]> {
    const rows = await unnestInsert<OutboxMessage, { id: string }>(manager, {
      table: 'outbox',
      columns: [
        { name: 'kind', type: 'text', value: (message) => message.kind },
        {
          name: 'destination',
          type: 'text',
          value: (message) => (message.kind === 'kafka' ? message.topic : message.job.name),
        },
        {
          name: 'message_key',
          type: 'text',
          value: (message) => (message.kind === 'kafka' ? message.key : message.job.id),
        },
        {
          name: 'payload',
          type: 'jsonb',
          value: (message) => JSON.stringify(message.kind === 'kafka' ? message.value : message.job.payload),
        },
        {
          name: 'run_at',
          type: 'timestamptz',
          value: (message) =>
            message.kind === 'job' && message.job.runAt ? new Date(message.job.runAt) : null,
        },
      ],
      rows: messages,
      tail: 'RETURNING id::text AS id',
    });
    return rows.map((row) => row.id);
  }

  /**
   * Locks up to `limit` unpublished messages, oldest first. SKIP LOCKED lets several relays (the fast path
   * after each commit and the periodic sweep, in every replica) share the work without waiting or doubling.
   */
  async claim(manager: EntityManager, limit: number, ids?: string[]): Promise<PendingOutboxMessage[]> {
    const { rows } = await queryRows<{
      id: string;
      kind: 'kafka' | 'job';
      destination: string;
      message_key: string;
      payload: unknown;
      run_at: Date | null;
    }>(
      manager,
      `SELECT id::text AS id, kind, destination, message_key, payload, run_at
         FROM outbox
        WHERE published_at IS NULL ${ids ? 'AND id = ANY($2::bigint[])' : ''}
        ORDER BY id
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      ids ? [limit, ids] : [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      destination: row.destination,
      messageKey: row.message_key,
      payload: row.payload,
      runAt: row.run_at,
    }));
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await queryRows(manager, 'UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Deletes published messages older than the retention; returns how many went. */
  async purgePublished(manager: EntityManager, olderThan: Date): Promise<number> {
    const { affected } = await queryRows(
      manager,
      'DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1',
      [olderThan],
    );
    return affected;
  }

  async countUnpublished(manager: EntityManager): Promise<number> {
    const { rows } = await queryRows<{ count: string }>(
      manager,
      'SELECT count(*)::text AS count FROM outbox WHERE published_at IS NULL',
    );
    return Number(rows[0]?.count ?? 0);
  }
}
