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
  priority: number | null;
}

/** A message the relay set aside, as an operator sees it (its payload stays in the table). */
export interface ParkedOutboxMessage {
  id: string;
  kind: 'kafka' | 'job';
  destination: string;
  messageKey: string;
  attempts: number;
  reason: string;
  parkedAt: Date;
  createdAt: Date;
  payloadBytes: number;
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
        {
          name: 'priority',
          type: 'integer',
          value: (message) => (message.kind === 'job' ? (message.job.priority ?? null) : null),
        },
      ],
      rows: messages,
      tail: 'RETURNING id::text AS id',
    });
    return rows.map((row) => row.id);
  }

  /**
   * Claims up to `limit` unpublished messages, oldest first, for `leaseMs`, in one short statement: the
   * caller publishes them outside any transaction, then marks them. SKIP LOCKED and the lease let several
   * relays (the fast path after each commit and the periodic sweep, in every replica) share the work
   * without waiting or doubling; a relay that dies holding a claim frees it when the lease runs out.
   */
  async claim(
    manager: EntityManager,
    limit: number,
    leaseMs: number,
    ids?: string[],
  ): Promise<PendingOutboxMessage[]> {
    const { rows } = await queryRows<{
      id: string;
      kind: 'kafka' | 'job';
      destination: string;
      message_key: string;
      payload: unknown;
      run_at: Date | null;
      priority: number | null;
    }>(
      manager,
      `UPDATE outbox
          SET claimed_until = now() + ($2::bigint * interval '1 millisecond'), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox
           WHERE published_at IS NULL AND parked_at IS NULL
             AND (claimed_until IS NULL OR claimed_until < now())
             ${ids ? 'AND id = ANY($3::bigint[])' : ''}
           ORDER BY id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, kind, destination, message_key, payload, run_at, priority`,
      ids ? [limit, leaseMs, ids] : [limit, leaseMs],
    );
    return rows
      .map((row) => ({
        id: row.id,
        kind: row.kind,
        destination: row.destination,
        messageKey: row.message_key,
        payload: row.payload,
        runAt: row.run_at,
        priority: row.priority,
      }))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await queryRows(
      manager,
      `UPDATE outbox SET published_at = now(), claimed_until = NULL, last_error = NULL
        WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** Gives claimed messages back after a failure worth retrying; the next sweep takes them again. */
  async release(manager: EntityManager, ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await queryRows(
      manager,
      'UPDATE outbox SET claimed_until = NULL, last_error = $2 WHERE id = ANY($1::bigint[])',
      [ids, error.slice(0, 1000)],
    );
  }

  /** Sets a message aside that can never be published as it is, with why; the rest go on without it. */
  async park(manager: EntityManager, id: string, reason: string): Promise<void> {
    await queryRows(
      manager,
      `UPDATE outbox SET parked_at = now(), park_reason = $2, last_error = $2, claimed_until = NULL
        WHERE id = $1::bigint AND published_at IS NULL`,
      [id, reason.slice(0, 1000)],
    );
  }

  /** Parked messages, newest first, for an operator. */
  async listParked(manager: EntityManager, limit: number, beforeId?: string): Promise<ParkedOutboxMessage[]> {
    const { rows } = await queryRows<ParkedOutboxMessage>(
      manager,
      `SELECT id::text AS id, kind, destination, message_key AS "messageKey", attempts,
              park_reason AS "reason", parked_at AS "parkedAt", created_at AS "createdAt",
              octet_length(payload::text) AS "payloadBytes"
         FROM outbox
        WHERE parked_at IS NOT NULL AND published_at IS NULL ${beforeId ? 'AND id < $2::bigint' : ''}
        ORDER BY id DESC
        LIMIT $1`,
      beforeId ? [limit, beforeId] : [limit],
    );
    return rows;
  }

  /** Puts parked messages back in line (all of them without ids); returns the ids that were parked. */
  async unpark(manager: EntityManager, ids?: string[]): Promise<string[]> {
    const { rows } = await queryRows<{ id: string }>(
      manager,
      `UPDATE outbox SET parked_at = NULL, park_reason = NULL, attempts = 0
        WHERE parked_at IS NOT NULL AND published_at IS NULL ${ids ? 'AND id = ANY($1::bigint[])' : ''}
        RETURNING id::text AS id`,
      ids ? [ids] : [],
    );
    return rows.map((row) => row.id);
  }

  /** Where one message stands: published, parked with its reason, or waiting after its last error. */
  async state(
    manager: EntityManager,
    id: string,
  ): Promise<Array<{ published: boolean; parkReason: string | null; lastError: string | null }>> {
    const { rows } = await queryRows<{
      published: boolean;
      parkReason: string | null;
      lastError: string | null;
    }>(
      manager,
      `SELECT published_at IS NOT NULL AS published, park_reason AS "parkReason", last_error AS "lastError"
         FROM outbox WHERE id = $1::bigint`,
      [id],
    );
    return rows;
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

  /** Messages still to publish, parked ones apart (they wait for an operator, not for the relay). */
  async countUnpublished(manager: EntityManager): Promise<{ waiting: number; parked: number }> {
    const { rows } = await queryRows<{ waiting: number; parked: number }>(
      manager,
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS waiting,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked
         FROM outbox WHERE published_at IS NULL`,
    );
    return rows[0] ?? { waiting: 0, parked: 0 };
  }
}
