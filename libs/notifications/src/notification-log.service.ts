import { isUuid, jobRequest, LadderError, type NotificationDto, type NotificationQuery } from '#contracts';
import { TransactionalOutbox } from '#outbox';
import { NotificationRepository, type NotificationRow } from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export class NotificationError extends LadderError {}

/** A notification pending this long, with nothing sending it, is stuck (its job was lost or ran out). */
export const NOTIFICATION_STUCK_AFTER_MS = 5 * 60_000;

/** The send log: every e-mail with its status, and a second chance for one that failed for good. */
@Injectable()
export class NotificationLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly transactions: TransactionalOutbox,
  ) {}

  async list(query: NotificationQuery): Promise<NotificationDto[]> {
    return (await this.notifications.list(this.dataSource.manager, query)).map(toDto);
  }

  /** Notifications that failed for good or are stuck, newest first. */
  async stuck(limit: number): Promise<NotificationDto[]> {
    const rows = await this.notifications.listStuck(this.dataSource.manager, stuckBefore(), limit);
    return rows.map(toDto);
  }

  /** Puts a notification that failed for good, or is stuck, back in line, with a fresh round of attempts. */
  async retry(id: string): Promise<NotificationDto> {
    const notFound = () => LadderError.notFound('A notification with this id');
    if (!isUuid(id)) throw notFound();
    const { row, retried } = await this.transactions.run(async ({ manager, publish }) => {
      const retried = await this.notifications.retry(manager, id, stuckBefore());
      if (!retried) return { row: await this.notifications.find(manager, id), retried: false };
      publish([
        // A new job id: the old job used its attempts and is kept as failed.
        {
          kind: 'job',
          job: jobRequest('send-notification', `${retried.key}/retry-${Date.now()}`, {
            notificationId: retried.id,
          }),
        },
      ]);
      return { row: retried, retried: true };
    });
    if (!row) throw notFound();
    if (!retried) {
      throw new NotificationError(
        'conflict',
        'not-failed',
        `Only a notification that failed, or is stuck, can be retried; this one is ${row.status}.`,
      );
    }
    return toDto(row);
  }
}

function stuckBefore(): Date {
  return new Date(Date.now() - NOTIFICATION_STUCK_AFTER_MS);
}

function toDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    recipient: row.recipientEmail,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}
