import { topicName } from '#contracts';
import type { SimulatedMessage } from '#simulation';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';

const TICK_MS = 10;

/**
 * Sends `items` at `rate` per second: every 10 ms, what is due by then goes in one send, so the load is as
 * steady as a shop's (not one burst a second). Resolves when the last is acknowledged.
 */
export async function paced<Item>(
  items: readonly Item[],
  rate: number,
  send: (due: Item[]) => Promise<void>,
  onProgress: (sent: number) => void = () => undefined,
): Promise<void> {
  const started = Date.now();
  let sent = 0;
  while (sent < items.length) {
    const due = Math.min(items.length, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
    if (due > sent) {
      await send(items.slice(sent, due));
      sent = due;
      onProgress(sent);
    }
    const next = started + (sent * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(TICK_MS, next - Date.now()))));
  }
}

/** A producer for Ladder's input topics, keyed by customer, acknowledged by every in-sync replica. */
export async function inputProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

/** Sends simulated messages to the input topics of `topicPrefix` in one request. */
export async function sendInputs(
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
