import type { LadderConfig } from '#config';
import { INPUT_TOPICS, topicName, type LadderTopic } from '#contracts';
import { createKafka, KafkaClient, TopicAdminService } from '#messaging';
import { Partitioners } from 'kafkajs';
import { randomBytes } from 'node:crypto';

export interface RawMessage {
  key: string | null;
  value: string | Buffer | null;
}

export interface ReadMessage {
  key: string | null;
  value: Buffer | null;
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

/** Produces messages to one of the environment's topics, as an integrator's producer would. */
export async function produce(
  config: LadderConfig,
  topic: LadderTopic,
  messages: RawMessage[],
): Promise<void> {
  const producer = createKafka(config, '-test-producer').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({ topic: topicName(config.kafka.topicPrefix, topic), acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Reads one of the environment's topics from the beginning until `count` messages arrived (or the
 * deadline passed), with a throw-away consumer group, as an outside consumer would.
 */
export async function readTopic(
  config: LadderConfig,
  topic: LadderTopic,
  count: number,
  timeoutMs = 30_000,
): Promise<ReadMessage[]> {
  const consumer = createKafka(config, '-test-reader').consumer({
    groupId: `${config.kafka.topicPrefix}.reader-${randomBytes(4).toString('hex')}`,
    allowAutoTopicCreation: false,
  });
  const received: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: topicName(config.kafka.topicPrefix, topic), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`read ${received.length} of ${count} messages from ${topic} within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            received.push({
              key: message.key?.toString('utf8') ?? null,
              value: message.value,
              partition,
              offset: message.offset,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
              ),
            });
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Creates the environment's topics the way Ladder does, so messages can be produced before Ladder starts. */
export async function createTopics(config: LadderConfig): Promise<void> {
  await new TopicAdminService(new KafkaClient(config), config).ensureTopics();
}

/** How many messages a topic of the environment holds (all partitions, from the log start to its end). */
export async function topicMessageCount(config: LadderConfig, topic: LadderTopic): Promise<number> {
  const admin = createKafka(config, '-test-count').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topicName(config.kafka.topicPrefix, topic));
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Every message a topic of the environment holds now. */
export async function readWholeTopic(config: LadderConfig, topic: LadderTopic): Promise<ReadMessage[]> {
  const count = await topicMessageCount(config, topic);
  return count === 0 ? [] : readTopic(config, topic, count);
}

/**
 * Moves the scoring group back to the start of every input topic, as an operator replaying them would.
 * Ladder must be stopped (a group with members refuses the reset).
 */
export async function rewindInputTopics(config: LadderConfig): Promise<void> {
  const admin = createKafka(config, '-test-replay').admin();
  await admin.connect();
  try {
    for (const topic of INPUT_TOPICS) {
      await admin.resetOffsets({
        groupId: config.kafka.consumerGroup,
        topic: topicName(config.kafka.topicPrefix, topic),
        earliest: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
