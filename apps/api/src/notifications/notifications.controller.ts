import { notificationQuerySchema, type NotificationDto, type NotificationQuery } from '#contracts';
import { NotificationLog } from '#notifications';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator.js';

/** The send log: every e-mail with its status, and a second chance for one that failed for good. */
@Controller('api/notifications')
@Roles('admin')
export class NotificationsController {
  constructor(private readonly notifications: NotificationLog) {}

  @Get()
  async list(
    @Query({ schema: notificationQuerySchema }) query: NotificationQuery,
  ): Promise<{ items: NotificationDto[] }> {
    return { items: await this.notifications.list(query) };
  }

  @Post(':id/retry')
  @HttpCode(202)
  retry(@Param('id') id: string): Promise<NotificationDto> {
    return this.notifications.retry(id);
  }
}
