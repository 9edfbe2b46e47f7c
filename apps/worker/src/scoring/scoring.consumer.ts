import { LADDER_CONFIG, type LadderConfig } from '#config';
import { INPUT_TOPICS, topicName } from '#contracts';
import { BatchConsumer, KafkaClient, TopicAdminService, type BatchConsumerStatus } from '#messaging';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ScoringService } from './scoring.service.js';

/** The Kafka side of scoring: thin, it hands every batch to the scoring service. */
@Injectable()
export class ScoringConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringConsumer.name);
  private readonly consumer: BatchConsumer;

  constructor(
    client: KafkaClient,
    private readonly topics: TopicAdminService,
    scoring: ScoringService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    this.consumer = new BatchConsumer(client.kafka, {
      groupId: config.kafka.consumerGroup,
      topics: INPUT_TOPICS.map((topic) => topicName(config.kafka.topicPrefix, topic)),
      handler: async (messages) => {
        await scoring.scoreBatch(messages);
      },
      partitionsConsumedConcurrently: 2,
    });
  }

  status(): BatchConsumerStatus {
    return this.consumer.snapshot();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensureTopics();
    await this.consumer.start();
    this.logger.log({ message: 'scoring consumer started', groupId: this.config.kafka.consumerGroup });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
