import { LADDER_CONFIG, type LadderConfig } from '#config';
import { INPUT_TOPICS, OUTPUT_TOPICS, topicName } from '#contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { KafkaClient } from './kafka.client.js';

const DEAD_LETTER_RETENTION_MS = 30 * 24 * 3_600_000;
const LEADER_WAIT_MS = 30_000;

/**
 * Waits until every partition of new topics has a leader. Right after a create, KRaft brokers may still
 * answer "unknown topic" for a moment, which kafkajs's own wait does not retry.
 */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.topics.every(
        (topic) =>
          topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (ready) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} have no leaders after ${LEADER_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
        waitForLeaders: false,
        topics: missing.map(({ topic, name }) => ({
          topic: name,
          numPartitions: this.config.kafka.topicPartitions,
          replicationFactor: this.config.kafka.replicationFactor,
          configEntries:
            topic === 'dlq' ? [{ name: 'retention.ms', value: String(DEAD_LETTER_RETENTION_MS) }] : undefined,
        })),
      });
      const created = missing.map(({ name }) => name);
      await waitForLeaders(admin, created);
      this.logger.log({ message: 'created missing topics', topics: created });
      return created;
    } finally {
      await admin.disconnect();
    }
  }
}
