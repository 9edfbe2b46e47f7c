import { MailModule } from '#mail';
import { Module } from '@nestjs/common';
import { NotificationLog } from './notification-log.service.js';
import { NotificationRenderers } from './notification-renderer.js';
import { NotificationScheduler } from './notification-scheduler.service.js';
import { NotificationSender } from './notification-sender.service.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

const SERVICES = [
  NotificationScheduler,
  NotificationSender,
  NotificationRenderers,
  NotificationLog,
  UnsubscribeLinks,
];

/** E-mail: deciding it in a transaction, sending it once, and the renderers each feature registers. */
@Module({ imports: [MailModule], providers: SERVICES, exports: SERVICES })
export class NotificationsModule {}
