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
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';

/** Queues jobs from the catalogue; a request's deterministic id makes a repeated request a no-op. */
@Injectable()
export class JobQueueService {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  queues(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  /** One `addBulk` per queue. */
  async enqueue(requests: JobRequest[]): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const request of requests) {
      const queue = JOB_QUEUES[request.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), request]);
    }
    for (const [queueName, queueRequests] of byQueue) {
      await this.queue(queueName).addBulk(
        queueRequests.map((request) => ({
          name: request.name,
          data: request.payload,
          // A job decided for later waits in BullMQ's delayed set until its time.
          opts: {
            jobId: request.id,
            ...(request.runAt ? { delay: Math.max(0, request.runAt - Date.now()) } : {}),
          },
        })),
      );
    }
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
    await this.queue(JOB_QUEUES[name]).upsertJobScheduler(
      jobId(name, 'schedule'),
      { every: everyMs },
      { name, data },
    );
  }
}
