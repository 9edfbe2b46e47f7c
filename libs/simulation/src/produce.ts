import { topicName } from '#contracts';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { SimulatedMessage } from './traffic-simulator.js';

const BATCH = 500;

/** A connected producer for Ladder's input topics, keyed by customer (the default partitioner). */
export async function inputProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

/** Sends simulated messages to the input topics of `topicPrefix` in one request, acknowledged by all replicas. */
export async function sendMessages(
  producer: Producer,
  topicPrefix: string,
  messages: readonly SimulatedMessage[],
): Promise<void> {
  const byTopic = new Map<string, Array<{ key: string; value: string }>>();
  for (const message of messages) {
    const topic = topicName(topicPrefix, message.topic);
    const list = byTopic.get(topic) ?? [];
    list.push({ key: message.key, value: message.value });
    byTopic.set(topic, list);
  }
  await producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
  });
}

/** Produces simulated messages to Ladder's input topics, keyed by customer, in batches. */
export async function produceMessages(
  kafka: Kafka,
  topicPrefix: string,
  messages: readonly SimulatedMessage[],
  onProgress: (produced: number) => void = () => undefined,
): Promise<void> {
  const producer = await inputProducer(kafka);
  try {
    for (let start = 0; start < messages.length; start += BATCH) {
      await sendMessages(producer, topicPrefix, messages.slice(start, start + BATCH));
      onProgress(Math.min(messages.length, start + BATCH));
    }
  } finally {
    await producer.disconnect();
  }
}
