import { Global, Module } from '@nestjs/common';
import { NotificationScheduler } from './notification-scheduler.service.js';
import { OutboxRelayService } from './outbox-relay.service.js';

@Global()
@Module({
  providers: [OutboxRelayService, NotificationScheduler],
  exports: [OutboxRelayService, NotificationScheduler],
})
export class OutboxModule {}
