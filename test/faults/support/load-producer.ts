import type { LadderConfig } from '#config';
import { topicName } from '#contracts';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { LoadMessage } from './load.js';

export interface PacedSend {
  /** Messages per second; the load is spread so that faults land in the middle of it. */
  ratePerSecond: number;
  chunk?: number;
  /** How long to keep retrying one chunk while Kafka is away. */
  giveUpAfterMs?: number;
}

/**
 * Produces the load with kafkajs, as an integrator's producer would: keyed messages, acks from all
 * replicas, and, when the broker is away, the same chunk sent again until it is taken (so a chunk may land
 * twice: a repeat Ladder must ignore).
 */
export class LoadProducer {
  /** Messages handed to Kafka so far (a chunk sent twice counts once). */
  sent = 0;
  /** Chunks that failed and were sent again. */
  retries = 0;
  private producer: Producer;

  private constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {
    this.producer = this.newProducer();
  }

  static async open(config: LadderConfig): Promise<LoadProducer> {
    const kafka = new Kafka({
      clientId: `${config.kafka.topicPrefix}-fault-load`,
      brokers: config.kafka.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 15_000,
      retry: { initialRetryTime: 300, retries: 3, maxRetryTime: 5_000 },
    });
    const producer = new LoadProducer(kafka, config.kafka.topicPrefix);
    await producer.producer.connect();
    return producer;
  }

  /** Sends every message, paced; resolves when Kafka has taken them all. */
  async send(messages: readonly LoadMessage[], pace: PacedSend): Promise<void> {
    const started = Date.now();
    let offered = 0;
    for (const chunk of chunksOf(messages, pace.chunk ?? 250)) {
      const due = started + (offered / pace.ratePerSecond) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      await this.sendChunk(chunk, pace.giveUpAfterMs ?? 240_000);
      offered += chunk.length;
      this.sent += chunk.length;
    }
  }

  /** Sends one message and says where it landed (for accounting of what must be dead-lettered). */
  async sendOne(message: LoadMessage): Promise<{ partition: number; offset: string }> {
    const [metadata] = await this.producer.send({
      topic: topicName(this.prefix, message.topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value }],
    });
    this.sent += 1;
    if (!metadata?.baseOffset) throw new Error('Kafka did not say where the message landed');
    return { partition: metadata.partition, offset: metadata.baseOffset };
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  private async sendChunk(messages: readonly LoadMessage[], giveUpAfterMs: number): Promise<void> {
    const byTopic = new Map<string, Array<{ key: string | Buffer | null; value: string | Buffer | null }>>();
    for (const message of messages) {
      const topic = topicName(this.prefix, message.topic);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: message.key, value: message.value }]);
    }
    const deadline = Date.now() + giveUpAfterMs;
    for (;;) {
      try {
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
        });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        this.retries += 1;
        await sleep(1_000);
        // A producer that lost its broker is started afresh, as a careful integrator's would be.
        await this.producer.disconnect().catch(() => undefined);
        this.producer = this.newProducer();
        await this.producer.connect().catch(() => undefined);
      }
    }
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
  }
}

/** Chunks of at most `count` messages and 512 KiB: a message near the broker's limit goes alone. */
function chunksOf(messages: readonly LoadMessage[], count: number): LoadMessage[][] {
  const chunks: LoadMessage[][] = [];
  let chunk: LoadMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.value === null ? 0 : Buffer.byteLength(message.value);
    if (chunk.length > 0 && (chunk.length >= count || bytes + size > CHUNK_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

const CHUNK_BYTES = 512 * 1024;

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
