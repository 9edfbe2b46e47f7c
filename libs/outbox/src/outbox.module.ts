import { Global, Module } from '@nestjs/common';
import { NotificationScheduler } from './notification-scheduler.service.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { TransactionalOutbox } from './transactional-outbox.service.js';

@Global()
@Module({
  providers: [OutboxRelayService, NotificationScheduler, TransactionalOutbox],
  exports: [OutboxRelayService, NotificationScheduler, TransactionalOutbox],
})
export class OutboxModule {}
