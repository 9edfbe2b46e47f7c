import { Global, Module } from '@nestjs/common';
import { OutboxRelayService } from './outbox-relay.service.js';
import { TransactionalOutbox } from './transactional-outbox.service.js';

@Global()
@Module({
  providers: [OutboxRelayService, TransactionalOutbox],
  exports: [OutboxRelayService, TransactionalOutbox],
})
export class OutboxModule {}
