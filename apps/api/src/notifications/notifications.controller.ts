import {
  apiErrorBodySchema,
  notificationDtoSchema,
  notificationListDtoSchema,
  notificationQuerySchema,
  type NotificationDto,
  type NotificationQuery,
} from '#contracts';
import { NotificationLog } from '#notifications';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { AllStores, Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

/** The send log: every e-mail with its status, and a second chance for one that failed for good. */
@Controller('api/notifications')
@Roles('admin')
@AllStores()
export class NotificationsController {
  constructor(private readonly notifications: NotificationLog) {}

  @Get()
  @Answers(200, notificationListDtoSchema)
  async list(
    @Query({ schema: notificationQuerySchema }) query: NotificationQuery,
  ): Promise<{ items: NotificationDto[] }> {
    return { items: await this.notifications.list(query) };
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Answers(202, notificationDtoSchema, 'The notification, queued to be sent again.')
  @Answers(409, apiErrorBodySchema, 'not-failed: only a notification that failed for good is retried')
  retry(@Param('id') id: string): Promise<NotificationDto> {
    return this.notifications.retry(id);
  }
}
