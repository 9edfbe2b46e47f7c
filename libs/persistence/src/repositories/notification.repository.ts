import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationStatus } from '../entities/notification.entity.js';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export interface NotificationRowDraft {
  /** Why this e-mail exists; at most one e-mail per key, ever. */
  key: string;
  kind: string;
  recipientEmail: string;
  recipientName: string | null;
  locale: string;
  /** The ids the e-mail's content is read from when it is sent. */
  subjectIds: Readonly<Record<string, string | undefined>>;
}

export interface NotificationRow extends NotificationRowDraft {
  subjectIds: Readonly<Record<string, string | undefined>>;
  id: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** A notification taken for a send attempt, with what its sender checks first about its customer. */
export interface LeasedNotification extends NotificationRow {
  /** When the customer its subject names unsubscribed; null when they did not, or it names none. */
  customerUnsubscribedAt: Date | null;
}

/** The columns of a NotificationRow, named as it names them, from the table (or alias) `from`. */
function columns(from = ''): string {
  const column = (name: string, as?: string) => `${from}${name}${as ? ` AS "${as}"` : ''}`;
  return [
    column('id'),
    column('key'),
    column('kind'),
    column('recipient_email', 'recipientEmail'),
    column('recipient_name', 'recipientName'),
    column('locale'),
    column('subject_ids', 'subjectIds'),
    column('status'),
    column('attempts'),
    column('last_error', 'lastError'),
    column('message_id', 'messageId'),
    column('lease_until', 'leaseUntil'),
    column('created_at', 'createdAt'),
    column('sent_at', 'sentAt'),
  ].join(', ');
}

const COLUMNS = columns();

/** Failed for good, or stuck: pending since before $2, or left sending under a lease that ran out. */
const STUCK_OR_FAILED = `status = 'failed' OR (status = 'pending' AND updated_at < $2)
  OR (status = 'sending' AND lease_until < now())`;

@Injectable()
export class NotificationRepository {
  /** Creates the notifications whose key is new; returns only those (a repeat creates nothing). */
  async createMany(
    manager: EntityManager,
    drafts: readonly NotificationRowDraft[],
  ): Promise<Array<{ id: string; key: string }>> {
    const unique = [...new Map(drafts.map((draft) => [draft.key, draft])).values()].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );
    return unnestInsert<NotificationRowDraft, { id: string; key: string }>(manager, {
      table: 'notifications',
      columns: [
        { name: 'key', type: 'text', value: (draft) => draft.key },
        { name: 'kind', type: 'text', value: (draft) => draft.kind },
        { name: 'recipient_email', type: 'text', value: (draft) => draft.recipientEmail },
        { name: 'recipient_name', type: 'text', value: (draft) => draft.recipientName },
        { name: 'locale', type: 'text', value: (draft) => draft.locale },
        { name: 'subject_ids', type: 'jsonb', value: (draft) => JSON.stringify(draft.subjectIds) },
      ],
      rows: unique,
      tail: 'ON CONFLICT ON CONSTRAINT notifications_key_key DO NOTHING RETURNING id::text AS id, key',
    });
  }

  /**
   * Takes the notification for one send attempt: only when nobody has sent it and nobody is sending it
   * (a lease that ran out means its sender died). Returns null when it is not ours to send.
   */
  async lease(manager: EntityManager, id: string, leaseMs: number): Promise<LeasedNotification | null> {
    // The customer's unsubscription comes with the lease, in the same statement: one round trip fewer per
    // e-mail to a customer.
    const { rows } = await queryRows<LeasedNotification>(
      manager,
      `WITH leased AS (
         UPDATE notifications
            SET status = 'sending', attempts = attempts + 1, updated_at = now(),
                lease_until = now() + make_interval(secs => $2::double precision / 1000)
          WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
          RETURNING *)
       SELECT ${columns('leased.')}, customers.unsubscribed_at AS "customerUnsubscribedAt"
         FROM leased LEFT JOIN customers ON customers.id = leased.subject_ids->>'customerId'`,
      [id, leaseMs],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager, id: string): Promise<NotificationRow | null> {
    const { rows } = await queryRows<NotificationRow>(
      manager,
      `SELECT ${COLUMNS} FROM notifications WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markSent(manager: EntityManager, id: string, messageId: string): Promise<void> {
    await queryRows(
      manager,
      `UPDATE notifications SET status = 'sent', sent_at = now(), message_id = $2, lease_until = NULL,
              last_error = NULL, updated_at = now()
        WHERE id = $1`,
      [id, messageId],
    );
  }

  /**
   * Takes back a sent mark written as the e-mail was handed to SMTP, when the server then refused it: the
   * row is `sending` again under a fresh lease, for its sender to record the failed attempt.
   */
  async unmarkSent(manager: EntityManager, id: string, leaseMs: number): Promise<void> {
    await queryRows(
      manager,
      `UPDATE notifications
          SET status = 'sending', sent_at = NULL, message_id = NULL, updated_at = now(),
              lease_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id = $1 AND status = 'sent'`,
      [id, leaseMs],
    );
  }

  /** Leaves an e-mail unsent for good: the customer unsubscribed before it went out. */
  async markSuppressed(manager: EntityManager, id: string, reason: string): Promise<void> {
    await queryRows(
      manager,
      `UPDATE notifications SET status = 'suppressed', lease_until = NULL, last_error = $2, updated_at = now()
        WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  /** Records a failed attempt; `final` marks it failed for good (visible in the API), otherwise it waits for a retry. */
  async markAttemptFailed(manager: EntityManager, id: string, error: string, final: boolean): Promise<void> {
    await queryRows(
      manager,
      `UPDATE notifications SET status = $3, lease_until = NULL, last_error = $2, updated_at = now()
        WHERE id = $1 AND status = 'sending'`,
      [id, error.slice(0, 2000), final ? 'failed' : 'pending'],
    );
  }

  async list(
    manager: EntityManager,
    filter: { status?: NotificationStatus; kind?: string; limit: number },
  ): Promise<NotificationRow[]> {
    const { rows } = await queryRows<NotificationRow>(
      manager,
      `SELECT ${COLUMNS} FROM notifications
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
        ORDER BY created_at DESC LIMIT $3`,
      [filter.status ?? null, filter.kind ?? null, filter.limit],
    );
    return rows;
  }

  /**
   * Puts a notification back in line for one more round of attempts: one that failed for good, or one
   * stuck (pending since before `stuckBefore`, or left `sending` by a sender whose lease ran out).
   */
  async retry(manager: EntityManager, id: string, stuckBefore: Date): Promise<NotificationRow | null> {
    const { rows } = await queryRows<NotificationRow>(
      manager,
      `UPDATE notifications SET status = 'pending', last_error = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND (${STUCK_OR_FAILED}) RETURNING ${COLUMNS}`,
      [id, stuckBefore],
    );
    return rows[0] ?? null;
  }

  /** Notifications waiting to be sent (pending, or sending under a lease that ran out), oldest first. */
  async unsent(
    manager: EntityManager,
    window: { since: Date; before: Date },
    limit: number,
  ): Promise<NotificationRow[]> {
    const { rows } = await queryRows<NotificationRow>(
      manager,
      `SELECT ${COLUMNS} FROM notifications
        WHERE (status = 'pending' OR (status = 'sending' AND lease_until < now()))
          AND created_at >= $1 AND updated_at < $2
        ORDER BY created_at LIMIT $3`,
      [window.since, window.before, limit],
    );
    return rows;
  }

  /** Stuck notifications (see `retry`), newest first, for an operator. */
  async listStuck(manager: EntityManager, stuckBefore: Date, limit: number): Promise<NotificationRow[]> {
    const { rows } = await queryRows<NotificationRow>(
      manager,
      `SELECT ${COLUMNS} FROM notifications
        WHERE status IN ('pending', 'sending') AND (${STUCK_OR_FAILED})
        ORDER BY created_at DESC LIMIT $1`,
      [limit, stuckBefore],
    );
    return rows;
  }

  async countByStatus(manager: EntityManager): Promise<Record<NotificationStatus, number>> {
    const { rows } = await queryRows<{ status: NotificationStatus; count: string }>(
      manager,
      'SELECT status, count(*)::text AS count FROM notifications GROUP BY status',
    );
    const counts: Record<NotificationStatus, number> = {
      pending: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      suppressed: 0,
    };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}
