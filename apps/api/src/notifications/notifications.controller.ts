import {
  jobRequest,
  notificationQuerySchema,
  type NotificationDto,
  type NotificationQuery,
} from '#contracts';
import { TransactionalOutbox } from '#outbox';
import { NotificationRepository, type NotificationRow } from '#persistence';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/roles.decorator.js';
import { ApiException } from '../errors/api.exception.js';
import { isUuid } from '../errors/uuid.js';

/** The send log: every e-mail with its status, and a second chance for one that failed for good. */
@Controller('api/notifications')
@Roles('admin')
export class NotificationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly transactions: TransactionalOutbox,
  ) {}

  @Get()
  async list(
    @Query({ schema: notificationQuerySchema }) query: NotificationQuery,
  ): Promise<{ items: NotificationDto[] }> {
    return { items: (await this.notifications.list(this.dataSource.manager, query)).map(toDto) };
  }

  @Post(':id/retry')
  @HttpCode(202)
  async retry(@Param('id') id: string): Promise<NotificationDto> {
    if (!isUuid(id)) throw ApiException.notFound('A notification with this id');
    const { row, retried } = await this.transactions.run(async ({ manager, publish }) => {
      const retried = await this.notifications.retry(manager, id);
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
    if (!row) throw ApiException.notFound('A notification with this id');
    if (!retried) {
      throw new ApiException(
        'not-failed',
        `Only a notification that failed can be retried; this one is ${row.status}.`,
        HttpStatus.CONFLICT,
      );
    }
    return toDto(row);
  }
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
