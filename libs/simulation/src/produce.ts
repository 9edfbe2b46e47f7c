import { topicName } from '#contracts';
import { Partitioners, type Kafka } from 'kafkajs';
import type { SimulatedMessage } from './traffic-simulator.js';

const BATCH = 500;

/** Produces simulated messages to Ladder's input topics, keyed by customer, in batches. */
export async function produceMessages(
  kafka: Kafka,
  topicPrefix: string,
  messages: SimulatedMessage[],
  onProgress: (produced: number) => void = () => undefined,
): Promise<void> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    for (let start = 0; start < messages.length; start += BATCH) {
      const chunk = messages.slice(start, start + BATCH);
      const byTopic = new Map<string, Array<{ key: string; value: string }>>();
      for (const message of chunk) {
        const topic = topicName(topicPrefix, message.topic);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: message.key, value: message.value }]);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
      });
      onProgress(Math.min(messages.length, start + BATCH));
    }
  } finally {
    await producer.disconnect();
  }
}
