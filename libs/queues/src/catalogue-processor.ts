import {
  JOB_QUEUES,
  type JobName,
  type JobPayload,
  type JobRequest,
  type QueueName,
  type QueueOf,
} from '#contracts';
import { HealthChecks, LadderMetrics } from '#observability';
import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isFinalAttempt } from './job-options.js';
import { JobQueueService } from './job-queue.service.js';
import { Reconciler } from './reconciler.js';

/** The jobs of the catalogue that run on one queue. */
export type JobNameOf<Queue extends QueueName> = {
  [Name in JobName]: QueueOf<Name> extends Queue ? Name : never;
}[JobName];

/** `token` is the worker's lock token, for a handler that moves its own job (back to delayed, say). */
export type JobHandler<Name extends JobName> = (
  job: Job<JobPayload<Name>>,
  token?: string,
) => Promise<unknown>;

/** A job of the queue run on a schedule, every `everyMs`, with its payload. */
export type Schedule<Queue extends QueueName> = {
  [Name in JobNameOf<Queue>]: { name: Name; everyMs: number; data: JobPayload<Name> };
}[JobNameOf<Queue>];

/** One handler for every job of a queue, each typed by its payload in the catalogue. */
export type JobHandlers<Queue extends QueueName> = { [Name in JobNameOf<Queue>]: JobHandler<Name> };

/** Runs the job's handler; a job the catalogue does not give this queue fails for good. */
export function dispatchJob<Queue extends QueueName>(
  handlers: JobHandlers<Queue>,
  job: Job,
  token?: string,
): Promise<unknown> {
  if (!Object.hasOwn(handlers, job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
  const handler = (handlers as Record<string, JobHandler<JobName>>)[job.name]!;
  return handler(job as Job<never>, token);
}

/**
 * A BullMQ processor for one queue of the catalogue: it maps each job name to its handler, so adding a job
 * to the catalogue without a handler does not compile, and keeps the queue's schedules (one per job for the
 * whole deployment: upserting them from every replica, at every start, changes nothing).
 */
export abstract class CatalogueProcessor<Queue extends QueueName>
  extends WorkerHost
  implements OnApplicationBootstrap
{
  protected abstract readonly handlers: JobHandlers<Queue>;

  // Injected by property, so a processor's constructor names only what its handlers use.
  @Inject(JobQueueService) private readonly scheduler!: JobQueueService;
  @Inject(LadderMetrics) private readonly metrics!: LadderMetrics;
  @Inject(HealthChecks) private readonly health!: HealthChecks;
  @Inject(Reconciler) private readonly reconciler!: Reconciler;

  /** The queue's schedules, as the configuration says now. */
  protected schedules(): Array<Schedule<Queue>> {
    return [];
  }

  /**
   * What PostgreSQL says this queue should hold, for the reconciler: the jobs that must exist (queued again
   * when Redis lost them, retried when they ran out of attempts). Work the queue can do from the database
   * alone (the outbox sweep) runs here too.
   */
  protected reconcile(): Promise<JobRequest[]> {
    return Promise.resolve([]);
  }

  async onApplicationBootstrap(): Promise<void> {
    // This process is ready for the queue while its worker runs.
    this.health.register(`queue:${this.queueName()}`, async () => {
      if (!this.worker.isRunning()) throw new Error('the worker of this queue is not running');
      return 'worker running';
    });
    this.reconciler.register({
      queue: this.queueName(),
      schedules: () => this.schedules() as never,
      reconcile: () => this.reconcile(),
    });
    // Schedules go in now when Redis answers; the reconciler puts them back whenever Redis lost them.
    for (const { name, everyMs, data } of this.schedules()) {
      await this.scheduler
        .scheduleEvery(name, everyMs, data as JobPayload<typeof name>)
        .catch(() => undefined);
    }
    // Only now, every module initialised, does the worker take jobs (processors are made with autorun off).
    if (!this.worker.isRunning())
      this.worker.run().catch((error: Error) => {
        // The queue's health check reports it too: the worker is no longer running.
        new Logger(this.constructor.name).error({ message: 'worker stopped', error: error.message });
      });
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const labels = {
      queue: this.queueName(),
      job_name: Object.hasOwn(this.handlers, job.name) ? job.name : 'unknown',
    };
    try {
      const result = await dispatchJob(this.handlers, job, token);
      this.metrics.jobs.inc({ ...labels, outcome: 'completed' });
      return result;
    } catch (error) {
      // A job moved back to waiting for its time (DelayedError) has neither failed nor completed.
      if (!(error instanceof DelayedError)) {
        const final = error instanceof UnrecoverableError || isFinalAttempt(job);
        this.metrics.jobs.inc({ ...labels, outcome: final ? 'failed' : 'retried' });
      }
      throw error;
    }
  }

  /** The queue this processor serves, from the jobs its handlers take. */
  private queueName(): Queue {
    return JOB_QUEUES[Object.keys(this.handlers)[0] as JobName] as Queue;
  }
}
