import { Global, Module } from '@nestjs/common';
import { OutboxRelayService } from './outbox-relay.service.js';

@Global()
@Module({ providers: [OutboxRelayService], exports: [OutboxRelayService] })
export class OutboxModule {}
