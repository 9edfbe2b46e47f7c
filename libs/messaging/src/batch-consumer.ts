import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isTransientError } from './transient-error.js';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  headers: KafkaMessage['headers'];
}

export interface BatchContext {
  /** Keeps the group membership alive during long work; throws when the partition was taken away. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition moved to another member. */
  isActive(): boolean;
}

export type BatchHandler = (messages: ConsumedMessage[], context: BatchContext) => Promise<void>;

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /** How many partitions are worked on at once. */
  partitionsConsumedConcurrently?: number;
}

export interface BatchConsumerStatus {
  groupId: string;
  running: boolean;
  /** A member of its group, with partitions assigned (from the last join until a crash or a stop). */
  joined: boolean;
  crashed: string | null;
  lastBatchAt: string | null;
  batches: number;
  messages: number;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Consumes whole batches (kafkajs `eachBatch`) and commits a batch's offsets only after its handler
 * returned, that is after the database commit. A new group starts from the earliest offset, so nothing
 * produced before Ladder's first start is lost; a known group resumes from its committed offsets.
 * Transient failures are retried in place with backoff, so a database restart does not churn the group.
 */
export class BatchConsumer {
  private readonly logger = new Logger(BatchConsumer.name);
  private consumer: Consumer | null = null;
  private stopping = false;
  private readonly status: BatchConsumerStatus;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.status = {
      groupId: options.groupId,
      running: false,
      joined: false,
      crashed: null,
      lastBatchAt: null,
      batches: 0,
      messages: 0,
    };
  }

  snapshot(): BatchConsumerStatus {
    return { ...this.status };
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 1_048_576,
      retry: { initialRetryTime: 500, retries: 10, maxRetryTime: MAX_RETRY_DELAY_MS },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      this.status.crashed = event.payload.error.message;
      this.status.running = event.payload.restart;
      this.status.joined = false;
      this.logger.error({
        message: 'consumer crashed',
        groupId: this.options.groupId,
        restart: event.payload.restart,
        error: event.payload.error.message,
      });
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.status.crashed = null;
      this.status.running = true;
      this.status.joined = true;
    });
    consumer.on(consumer.events.STOP, () => {
      this.status.running = false;
      this.status.joined = false;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.status.running = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect();
    this.status.running = false;
    this.status.joined = false;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const messages: ConsumedMessage[] = batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      timestamp: message.timestamp,
      headers: message.headers,
    }));
    const context: BatchContext = {
      heartbeat: () => payload.heartbeat(),
      isActive: () => !this.stopping && payload.isRunning() && !payload.isStale(),
    };
    await this.withRetries(messages, context);
    const last = messages[messages.length - 1]!;
    payload.resolveOffset(last.offset);
    await payload.commitOffsetsIfNecessary();
    this.status.batches += 1;
    this.status.messages += messages.length;
    this.status.lastBatchAt = new Date().toISOString();
  }

  private async withRetries(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handler(messages, context);
        return;
      } catch (error) {
        // kafkajs logs what it is given whole; a database error carries the statement's parameters,
        // which may hold personal data. It gets only the message and the code.
        if (!isTransientError(error) || !context.isActive()) throw withoutDetails(error);
        const delay = Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** Math.min(attempt, 10));
        this.logger.warn({
          message: 'batch failed on a transient error; retrying',
          topic: messages[0]!.topic,
          partition: messages[0]!.partition,
          firstOffset: messages[0]!.offset,
          attempt,
          delayMs: delay,
          error: (error as Error).message,
        });
        await sleepWithHeartbeat(delay, context);
      }
    }
  }
}

function withoutDetails(error: unknown): Error {
  const plain = new Error(error instanceof Error ? error.message : String(error));
  const code =
    (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (code !== undefined) Object.assign(plain, { code });
  if ((error as { retriable?: unknown }).retriable !== undefined)
    Object.assign(plain, { retriable: (error as { retriable: unknown }).retriable });
  plain.stack = `${plain.name}: ${plain.message}`;
  return plain;
}

async function sleepWithHeartbeat(milliseconds: number, context: BatchContext): Promise<void> {
  const until = Date.now() + milliseconds;
  while (Date.now() < until && context.isActive()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
    await context.heartbeat();
  }
}
