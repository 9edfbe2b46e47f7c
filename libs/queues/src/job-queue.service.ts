import { LADDER_CONFIG, withDeadline, type LadderConfig } from '#config';
import {
  jobId,
  JOB_QUEUES,
  QUEUE_NAMES,
  type JobName,
  type JobPayload,
  type JobRequest,
  type QueueName,
} from '#contracts';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, type Queue } from 'bullmq';

export interface FailedJob {
  queue: QueueName;
  id: string;
  name: string;
  attemptsMade: number;
  reason: string;
  failedAt: Date | null;
}

/** What `ensure` found for each request: queued now, already waiting or running, or retried after failing for good. */
export interface EnsureReport {
  added: number;
  present: number;
  retried: number;
}

/**
 * Queues jobs from the catalogue; a request's deterministic id makes a repeated request a no-op. Every call
 * to Redis is bounded by LADDER_REDIS_TIMEOUT, so a stalled Redis fails the caller instead of holding it.
 */
@Injectable()
export class JobQueueService {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  queues(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  /** Runs one Redis call of a queue within the timeout. */
  bounded<Result>(work: Promise<Result>, what: string): Promise<Result> {
    return withDeadline(work, this.config.resilience.redisTimeoutMs, what);
  }

  /** One `addBulk` per queue. */
  async enqueue(requests: JobRequest[]): Promise<void> {
    for (const [queueName, queueRequests] of byQueue(requests)) {
      await this.bounded(
        this.queue(queueName).addBulk(
          queueRequests.map((request) => ({
            name: request.name,
            data: request.payload,
            // A job decided for later waits in BullMQ's delayed set until its time.
            opts: {
              jobId: request.id,
              ...(request.runAt ? { delay: Math.max(0, request.runAt - Date.now()) } : {}),
              ...(request.priority ? { priority: request.priority } : {}),
            },
          })),
        ),
        `Redis (queue ${queueName})`,
      );
    }
  }

  /**
   * Makes sure each job exists and will run: queued when Redis has no such job (never queued, or lost
   * with Redis's data), retried when it failed for good, left alone while it waits, runs or completed.
   * The reconciler's way back from an outage longer than the retries.
   */
  async ensure(requests: JobRequest[]): Promise<EnsureReport> {
    const report: EnsureReport = { added: 0, present: 0, retried: 0 };
    const missing: JobRequest[] = [];
    for (const [queueName, queueRequests] of byQueue(requests)) {
      const queue = this.queue(queueName);
      const jobs = await this.bounded(
        Promise.all(queueRequests.map((request) => Job.fromId(queue, request.id))),
        `Redis (queue ${queueName})`,
      );
      for (const [index, job] of jobs.entries()) {
        if (!job) {
          missing.push(queueRequests[index]!);
        } else if (await this.bounded(job.isFailed(), `Redis (queue ${queueName})`)) {
          await this.bounded(job.retry('failed'), `Redis (queue ${queueName})`);
          report.retried += 1;
        } else {
          report.present += 1;
        }
      }
    }
    await this.enqueue(missing);
    report.added = missing.length;
    return report;
  }

  /** Jobs that failed for good, newest first, across every queue, for an operator. */
  async failedJobs(limit: number): Promise<FailedJob[]> {
    const failed: FailedJob[] = [];
    for (const queueName of QUEUE_NAMES) {
      const jobs = await this.bounded(this.queue(queueName).getFailed(0, limit - 1), 'Redis');
      for (const job of jobs) {
        failed.push({
          queue: queueName,
          id: job.id ?? '',
          name: job.name,
          attemptsMade: job.attemptsMade,
          reason: job.failedReason ?? 'unknown',
          failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        });
      }
    }
    return failed.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0)).slice(0, limit);
  }

  /** Runs a job that failed for good again, with a fresh round of attempts; false when it is not failed. */
  async retryFailed(queueName: QueueName, id: string): Promise<boolean> {
    const job = await this.bounded(Job.fromId(this.queue(queueName), id), 'Redis');
    if (!job || !(await this.bounded(job.isFailed(), 'Redis'))) return false;
    await this.bounded(job.retry('failed', { resetAttemptsMade: true }), 'Redis');
    return true;
  }

  /**
   * One schedule for the whole deployment that runs the job every `everyMs`: upserting it from every replica,
   * at every start, changes nothing.
   */
  async scheduleEvery<Name extends JobName>(
    name: Name,
    everyMs: number,
    data: JobPayload<Name>,
  ): Promise<void> {
    await this.bounded(
      this.queue(JOB_QUEUES[name]).upsertJobScheduler(
        jobId(name, 'schedule'),
        { every: everyMs },
        { name, data },
      ),
      `Redis (queue ${JOB_QUEUES[name]})`,
    );
  }
}

function byQueue(requests: JobRequest[]): Map<QueueName, JobRequest[]> {
  const grouped = new Map<QueueName, JobRequest[]>();
  for (const request of requests) {
    const queue = JOB_QUEUES[request.name];
    if (!queue) throw new Error(`no queue takes the job ${request.name}`);
    grouped.set(queue, [...(grouped.get(queue) ?? []), request]);
  }
  return grouped;
}
