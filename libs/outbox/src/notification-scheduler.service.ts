import { jobRequest } from '#contracts';
import { NotificationRepository, type NotificationDraft, type OutboxMessage } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ScheduledNotifications {
  /** The notifications whose key was new; a key seen before creates nothing. */
  created: Array<{ id: string; key: string }>;
  /** The send-notification jobs for them, to append to the outbox in the same transaction. */
  messages: OutboxMessage[];
}

/** Decides e-mails inside a transaction: one notification row per key, and the job that will send it. */
@Injectable()
export class NotificationScheduler {
  constructor(private readonly notifications: NotificationRepository) {}

  async schedule(manager: EntityManager, drafts: NotificationDraft[]): Promise<ScheduledNotifications> {
    const created = await this.notifications.createMany(manager, drafts);
    return {
      created,
      messages: created.map((notification) => ({
        kind: 'job' as const,
        job: jobRequest('send-notification', notification.key, { notificationId: notification.id }),
      })),
    };
  }
}
