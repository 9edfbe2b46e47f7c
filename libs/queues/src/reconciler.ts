import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { JobName, JobPayload, JobRequest, QueueName } from '#contracts';
import { LadderMetrics } from '#observability';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { JobQueueService } from './job-queue.service.js';

/** What one queue's processor gives the reconciler: its schedules, and the jobs PostgreSQL says should exist. */
export interface QueueReconciliation {
  queue: QueueName;
  schedules(): Array<{ name: JobName; everyMs: number; data: JobPayload<JobName> }>;
  /** Work to do from PostgreSQL alone (the outbox sweep, say), and the jobs that must exist. */
  reconcile(): Promise<JobRequest[]>;
}

/** Waits this long after Redis comes back before a pass, so a flapping connection triggers one pass. */
const AFTER_RECONNECT_MS = 1_000;

/**
 * Redis holds only what PostgreSQL can give again. The reconciler re-creates it, from PostgreSQL alone: the
 * schedules of this process's queues, and every job the database says should exist (a detractor answer
 * without a case, an unsent e-mail, an unpublished outbox row), queued when Redis lost it and retried when
 * it ran out of attempts (a database outage longer than the retries). It runs when the process starts,
 * when Redis comes back after losing its connection, and every LADDER_RECONCILE_EVERY.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly parts = new Map<QueueName, QueueReconciliation>();
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly jobs: JobQueueService,
    private readonly metrics: LadderMetrics,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** Called by each queue's processor as it starts; a process reconciles only the queues it serves. */
  register(part: QueueReconciliation): void {
    this.parts.set(part.queue, part);
    void this.watchReconnects(part.queue);
    // The first pass right after start-up, once the processors starting together have all registered.
    this.passSoon(AFTER_RECONNECT_MS);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pass(), this.config.resilience.reconcileEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.running;
  }

  /** One pass over every registered queue; a pass already under way is joined, not doubled. */
  pass(): Promise<void> {
    if (this.stopped || this.parts.size === 0) return Promise.resolve();
    this.running ??= this.reconcileAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async reconcileAll(): Promise<void> {
    for (const part of this.parts.values()) {
      try {
        for (const { name, everyMs, data } of part.schedules()) {
          await this.jobs.scheduleEvery(name, everyMs, data);
        }
        const requests = await part.reconcile();
        if (requests.length === 0) continue;
        const report = await this.jobs.ensure(requests);
        if (report.added) this.metrics.reconciled.inc({ queue: part.queue, outcome: 'added' }, report.added);
        if (report.retried)
          this.metrics.reconciled.inc({ queue: part.queue, outcome: 'retried' }, report.retried);
        if (report.added || report.retried) {
          this.logger.warn({
            message: 'reconciler restored jobs that Redis did not hold',
            queue: part.queue,
            ...report,
          });
        }
      } catch (error) {
        // PostgreSQL or Redis is away: the next pass tries again.
        this.logger.warn({
          message: 'reconciliation pass failed; the next one will try again',
          queue: part.queue,
          error: (error as Error).message,
        });
      }
    }
  }

  private passSoon(delayMs: number): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.pass();
    }, delayMs);
    this.soon.unref();
  }

  /** A pass once Redis is back after a lost connection (a restart may have lost its data). */
  private async watchReconnects(queueName: QueueName): Promise<void> {
    try {
      const client = await this.jobs.queue(queueName).getBackend().client;
      let lost = false;
      client.on('close', () => {
        lost = true;
      });
      client.on('ready', () => {
        if (!lost) return;
        lost = false;
        this.logger.warn({ message: 'Redis is back: reconciling', queue: queueName });
        this.passSoon(AFTER_RECONNECT_MS);
      });
    } catch (error) {
      this.logger.warn({
        message: 'could not watch the Redis connection',
        queue: queueName,
        error: (error as Error).message,
      });
    }
  }
}

/** The window a reconciliation looks at: from `lookBackMs` ago to `settleMs` ago (younger work is in flight). */
export function reconcileWindow(lookBackMs: number, settleMs = 5_000): { since: Date; before: Date } {
  const now = Date.now();
  return { since: new Date(now - lookBackMs), before: new Date(now - settleMs) };
}
