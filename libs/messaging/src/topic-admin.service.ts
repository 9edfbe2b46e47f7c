import { LADDER_CONFIG, type LadderConfig } from '#config';
import { INPUT_TOPICS, OUTPUT_TOPICS, topicName } from '#contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KafkaClient } from './kafka.client.js';

const DEAD_LETTER_RETENTION_MS = 30 * 24 * 3_600_000;

/** Creates Ladder's topics when they are missing; existing topics are left exactly as they are. */
@Injectable()
export class TopicAdminService {
  private readonly logger = new Logger(TopicAdminService.name);

  constructor(
    private readonly client: KafkaClient,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async ensureTopics(): Promise<string[]> {
    const prefix = this.config.kafka.topicPrefix;
    const admin = this.client.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...INPUT_TOPICS, ...OUTPUT_TOPICS]
        .map((topic) => ({ topic, name: topicName(prefix, topic) }))
        .filter(({ name }) => !existing.has(name));
      if (missing.length === 0) return [];
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map(({ topic, name }) => ({
          topic: name,
          numPartitions: this.config.kafka.topicPartitions,
          replicationFactor: this.config.kafka.replicationFactor,
          configEntries:
            topic === 'dlq' ? [{ name: 'retention.ms', value: String(DEAD_LETTER_RETENTION_MS) }] : undefined,
        })),
      });
      const created = missing.map(({ name }) => name);
      this.logger.log({ message: 'created missing topics', topics: created });
      return created;
    } finally {
      await admin.disconnect();
    }
  }
}
