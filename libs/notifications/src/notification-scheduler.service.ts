import { jobRequest, type JobRequest } from '#contracts';
import type { OutboxTransaction } from '#outbox';
import { NotificationRepository } from '#persistence';
import { reconcileWindow } from '#queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isNotificationKind, NOTIFICATION_AUDIENCES, type NotificationDraft } from './notification-kinds.js';

/**
 * A customer's e-mail can wait a little; a manager's alert about an unhappy customer cannot. Send jobs of
 * customers' e-mails carry this BullMQ priority, so that staff e-mails (none) go before any queued ahead.
 */
export const CUSTOMER_EMAIL_PRIORITY = 10;

/** The job that sends one notification, at its audience's priority. */
export function sendJob(notification: { id: string; key: string; kind: string }): JobRequest {
  const request = jobRequest('send-notification', notification.key, { notificationId: notification.id });
  const customer =
    isNotificationKind(notification.kind) && NOTIFICATION_AUDIENCES[notification.kind] === 'customer';
  return customer ? { ...request, priority: CUSTOMER_EMAIL_PRIORITY } : request;
}

/** Decides e-mails inside a transaction: one notification row per key, and the job that will send it. */
@Injectable()
export class NotificationScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
  ) {}

  /** Returns the notifications whose key was new (a key seen before creates nothing) and publishes their jobs. */
  async schedule(
    transaction: OutboxTransaction,
    drafts: NotificationDraft[],
  ): Promise<Array<{ id: string; key: string }>> {
    const created = await this.notifications.createMany(transaction.manager, drafts);
    const kinds = new Map(drafts.map((draft) => [draft.key, draft.kind]));
    transaction.publish(
      created.map((notification) => ({
        kind: 'job' as const,
        job: sendJob({ ...notification, kind: kinds.get(notification.key)! }),
      })),
    );
    return created;
  }

  /**
   * For the reconciler: the send job of every e-mail of the last week still waiting to go out (pending, or
   * left sending by a sender that died), so one lost with Redis's data or run out of attempts goes out.
   */
  async jobsToReconcile(): Promise<JobRequest[]> {
    const unsent = await this.notifications.unsent(
      this.dataSource.manager,
      reconcileWindow(RECONCILE_LOOK_BACK_MS),
      RECONCILE_LIMIT,
    );
    return unsent.map((notification) => sendJob(notification));
  }
}

const RECONCILE_LOOK_BACK_MS = 7 * 24 * 3_600_000;
const RECONCILE_LIMIT = 2_000;
