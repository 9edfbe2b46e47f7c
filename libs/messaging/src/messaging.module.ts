import { Global, Module } from '@nestjs/common';
import { KafkaProducerService } from './kafka-producer.service.js';
import { KafkaClient } from './kafka.client.js';
import { TopicAdminService } from './topic-admin.service.js';

@Global()
@Module({
  providers: [KafkaClient, KafkaProducerService, TopicAdminService],
  exports: [KafkaClient, KafkaProducerService, TopicAdminService],
})
export class MessagingModule {}
