import { jobRequest } from '#contracts';
import type { OutboxTransaction } from '#outbox';
import { NotificationRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { NotificationDraft } from './notification-kinds.js';

/** Decides e-mails inside a transaction: one notification row per key, and the job that will send it. */
@Injectable()
export class NotificationScheduler {
  constructor(private readonly notifications: NotificationRepository) {}

  /** Returns the notifications whose key was new (a key seen before creates nothing) and publishes their jobs. */
  async schedule(
    transaction: OutboxTransaction,
    drafts: NotificationDraft[],
  ): Promise<Array<{ id: string; key: string }>> {
    const created = await this.notifications.createMany(transaction.manager, drafts);
    transaction.publish(
      created.map((notification) => ({
        kind: 'job' as const,
        job: jobRequest('send-notification', notification.key, { notificationId: notification.id }),
      })),
    );
    return created;
  }
}
