import { LADDER_CONFIG, withDeadline, type LadderConfig } from '#config';
import { topicName, type JobName, type JobRequest, type OutputTopic } from '#contracts';
import { isTransientError, KafkaProducerService } from '#messaging';
import { OutboxRepository, type PendingOutboxMessage } from '#persistence';
import { JobQueueService } from '#queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TopicMessages } from 'kafkajs';
import { DataSource } from 'typeorm';

const CHUNK = 500;

/** What one pass did with the messages it claimed. */
export interface RelayReport {
  published: number;
  /** Given back after a failure worth retrying (Kafka or Redis away or slow). */
  released: number;
  /** Set aside for good, each with its reason (refused by the broker or the queue as it is). */
  parked: number;
}

/**
 * Publishes what committed transactions wrote to the outbox: Kafka messages and BullMQ jobs. Right after a
 * commit for speed, and by the reconciler's sweep for whatever a crash, a Kafka outage or a Redis restart
 * left behind. At least once: a message published just before a crash is published again, and its
 * consumers dedupe on its id (the eventId, or the deterministic job id).
 *
 * No database transaction is open while Kafka or Redis is called: rows are claimed with a lease in one
 * statement, published, then marked, so a stalled broker or Redis holds no pooled connection and no lock.
 * A message the broker or the queue refuses as it is (too large, unknown) is parked with its reason, and
 * never blocks the messages behind it.
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

  /** Publishes everything waiting, oldest first, until a pass publishes nothing more. */
  async publishPending(): Promise<RelayReport> {
    const total: RelayReport = { published: 0, released: 0, parked: 0 };
    for (;;) {
      const report = await this.publishChunk();
      total.published += report.published;
      total.released += report.released;
      total.parked += report.parked;
      // A chunk given back means Kafka or Redis is away: the next sweep tries again.
      if (report.published + report.parked < CHUNK || report.released > 0) return total;
    }
  }

  /**
   * Sends a parked message again, after its cause was mended (a larger topic limit, a deployed job): it
   * goes back in line and is published now. Null when no such message is parked.
   */
  async retryParked(
    id: string,
  ): Promise<{ outcome: 'published' | 'parked-again' | 'waiting'; reason: string | null } | null> {
    const manager = this.dataSource.manager;
    const [unparked] = await this.outbox.unpark(manager, [id]);
    if (!unparked) return null;
    await this.publishChunk([id]);
    const [row] = await this.outbox.state(manager, id);
    if (row?.published) return { outcome: 'published', reason: null };
    if (row?.parkReason) return { outcome: 'parked-again', reason: row.parkReason };
    return { outcome: 'waiting', reason: row?.lastError ?? null };
  }

  async purgePublished(retentionMs: number): Promise<number> {
    return this.outbox.purgePublished(this.dataSource.manager, new Date(Date.now() - retentionMs));
  }

  private async publishChunk(ids?: string[]): Promise<RelayReport> {
    const manager = this.dataSource.manager;
    const messages = await this.outbox.claim(manager, CHUNK, this.leaseMs(), ids);
    const report: RelayReport = { published: 0, released: 0, parked: 0 };
    if (messages.length === 0) return report;
    const kafka = messages.filter((message) => message.kind === 'kafka');
    const jobs = messages.filter((message) => message.kind === 'job');
    // Side by side: a case's job does not wait for the broker's acknowledgement of the feedback events.
    // Each group is settled before a failure of the other is passed on, so neither is left running.
    const outcomes = await Promise.allSettled(
      (
        [
          [kafka, (batch: PendingOutboxMessage[]) => this.sendToKafka(batch)],
          [jobs, (batch: PendingOutboxMessage[]) => this.jobs.enqueue(batch.map(toJobRequest))],
        ] as const
      )
        .filter(([group]) => group.length > 0)
        .map(([group, publish]) => this.publishGroup(group, publish)),
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') throw outcome.reason;
      report.published += outcome.value.published;
      report.released += outcome.value.released;
      report.parked += outcome.value.parked;
    }
    return report;
  }

  /**
   * Publishes a group in one call. When that fails for a reason worth retrying, the whole group is given
   * back; otherwise each message is tried alone, so only those refused as they are get parked.
   */
  private async publishGroup(
    group: PendingOutboxMessage[],
    publish: (batch: PendingOutboxMessage[]) => Promise<unknown>,
  ): Promise<RelayReport> {
    const manager = this.dataSource.manager;
    const ids = group.map((message) => message.id);
    try {
      await publish(group);
      await this.outbox.markPublished(manager, ids);
      return { published: group.length, released: 0, parked: 0 };
    } catch (error) {
      if (isTransientError(error) || group.length === 1) {
        return this.settleOne(group, error);
      }
    }
    const report: RelayReport = { published: 0, released: 0, parked: 0 };
    for (const message of group) {
      try {
        await publish([message]);
        await this.outbox.markPublished(manager, [message.id]);
        report.published += 1;
      } catch (error) {
        const outcome = await this.settleOne([message], error);
        report.released += outcome.released;
        report.parked += outcome.parked;
        // Kafka or Redis went away midway: give the rest back for the next sweep.
        if (outcome.released > 0) {
          const rest = group.slice(group.indexOf(message) + 1).map((other) => other.id);
          await this.outbox.release(manager, rest, (error as Error).message);
          report.released += rest.length;
          break;
        }
      }
    }
    return report;
  }

  /** A failed publish: given back when it is worth retrying, parked with its reason when it is not. */
  private async settleOne(group: PendingOutboxMessage[], error: unknown): Promise<RelayReport> {
    const manager = this.dataSource.manager;
    const reason = (error as Error).message;
    if (isTransientError(error)) {
      await this.outbox.release(
        manager,
        group.map((message) => message.id),
        reason,
      );
      return { published: 0, released: group.length, parked: 0 };
    }
    for (const message of group) {
      await this.outbox.park(manager, message.id, reason);
      this.logger.error({
        message: 'outbox message parked: it cannot be published as it is',
        outboxId: message.id,
        kind: message.kind,
        destination: message.destination,
        reason,
      });
    }
    return { published: 0, released: 0, parked: group.length };
  }

  private sendToKafka(messages: PendingOutboxMessage[]): Promise<unknown> {
    return withDeadline(
      this.producer.send(this.kafkaMessages(messages)),
      this.config.resilience.kafkaTimeoutMs,
      'Kafka (outbox publish)',
    );
  }

  /** Long enough to publish a chunk through every bounded wait; a relay that died frees its claim after it. */
  private leaseMs(): number {
    return 2 * (this.config.resilience.kafkaTimeoutMs + this.config.resilience.redisTimeoutMs);
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
    ...(message.priority ? { priority: message.priority } : {}),
  } as JobRequest;
}
