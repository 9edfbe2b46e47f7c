import { LADDER_CONFIG, type LadderConfig } from '#config';
import { INPUT_TOPICS, topicName } from '#contracts';
import { IngestService } from '#ingest';
import { BatchConsumer, KafkaClient, TopicAdminService, type BatchConsumerStatus } from '#messaging';
import { HealthChecks } from '#observability';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

/** The Kafka side of scoring: thin, it hands every batch to ingest. */
@Injectable()
export class ScoringConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringConsumer.name);
  private readonly consumer: BatchConsumer;

  constructor(
    client: KafkaClient,
    private readonly topics: TopicAdminService,
    private readonly health: HealthChecks,
    ingest: IngestService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {
    this.consumer = new BatchConsumer(client.kafka, {
      groupId: config.kafka.consumerGroup,
      topics: INPUT_TOPICS.map((topic) => topicName(config.kafka.topicPrefix, topic)),
      handler: async (messages) => {
        await ingest.ingestBatch(messages);
      },
      partitionsConsumedConcurrently: 2,
    });
  }

  status(): BatchConsumerStatus {
    return this.consumer.snapshot();
  }

  async onApplicationBootstrap(): Promise<void> {
    // This process is ready to score once its consumer is a member of the group.
    this.health.register('scoring-consumer-group', async () => {
      const status = this.consumer.snapshot();
      if (!status.joined) throw new Error(status.crashed ?? `not yet a member of ${status.groupId}`);
      return `member of ${status.groupId}, ${status.batches} batch(es)`;
    });
    await this.topics.ensureTopics();
    await this.consumer.start();
    this.logger.log({ message: 'scoring consumer started', groupId: this.config.kafka.consumerGroup });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
