import { LADDER_CONFIG, type LadderConfig } from '#config';
import { topicName, type JobName, type JobRequest, type OutputTopic } from '#contracts';
import { KafkaProducerService } from '#messaging';
import { OutboxRepository, type PendingOutboxMessage } from '#persistence';
import { JobQueueService } from '#queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TopicMessages } from 'kafkajs';
import { DataSource } from 'typeorm';

const CHUNK = 500;

/**
 * Publishes what committed transactions wrote to the outbox: Kafka messages and BullMQ jobs. Right after a
 * commit for speed, and on a schedule for whatever a crash, a Kafka outage or a Redis restart left behind.
 * At least once: a message published just before a crash is published again, and its consumers dedupe on
 * its id (the eventId, or the deterministic job id).
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly producer: KafkaProducerService,
    private readonly jobs: JobQueueService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** The fast path: never throws, as the sweep will publish whatever this could not. */
  async publishNow(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      for (let start = 0; start < ids.length; start += CHUNK) {
        await this.publishChunk(ids.slice(start, start + CHUNK));
      }
    } catch (error) {
      this.logger.warn({
        message: 'outbox publish failed; the sweep will retry',
        count: ids.length,
        error: (error as Error).message,
      });
    }
  }

  /** Publishes everything pending, oldest first; returns how many messages went out. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishChunk();
      total += published;
      if (published < CHUNK) return total;
    }
  }

  async purgePublished(retentionMs: number): Promise<number> {
    return this.outbox.purgePublished(this.dataSource.manager, new Date(Date.now() - retentionMs));
  }

  private async publishChunk(ids?: string[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const messages = await this.outbox.claim(manager, CHUNK, ids);
      if (messages.length === 0) return 0;
      await this.producer.send(this.kafkaMessages(messages.filter((message) => message.kind === 'kafka')));
      await this.jobs.enqueue(messages.filter((message) => message.kind === 'job').map(toJobRequest));
      await this.outbox.markPublished(
        manager,
        messages.map((message) => message.id),
      );
      return messages.length;
    });
  }

  private kafkaMessages(messages: PendingOutboxMessage[]): TopicMessages[] {
    const byTopic = new Map<string, TopicMessages>();
    for (const message of messages) {
      const topic = topicName(this.config.kafka.topicPrefix, message.destination as OutputTopic);
      const entry = byTopic.get(topic) ?? { topic, messages: [] };
      entry.messages.push({
        key: message.messageKey,
        value: JSON.stringify(message.payload),
        headers: { 'ladder-outbox-id': message.id },
      });
      byTopic.set(topic, entry);
    }
    return [...byTopic.values()];
  }
}

function toJobRequest(message: PendingOutboxMessage): JobRequest {
  return {
    name: message.destination as JobName,
    id: message.messageKey,
    payload: message.payload,
    ...(message.runAt ? { runAt: message.runAt.getTime() } : {}),
  } as JobRequest;
}
