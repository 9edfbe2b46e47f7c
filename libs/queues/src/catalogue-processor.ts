import type { JobName, JobPayload, QueueName, QueueOf } from '#contracts';
import { WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';

/** The jobs of the catalogue that run on one queue. */
export type JobNameOf<Queue extends QueueName> = {
  [Name in JobName]: QueueOf<Name> extends Queue ? Name : never;
}[JobName];

/** `token` is the worker's lock token, for a handler that moves its own job (back to delayed, say). */
export type JobHandler<Name extends JobName> = (
  job: Job<JobPayload<Name>>,
  token?: string,
) => Promise<unknown>;

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
 * to the catalogue without a handler does not compile.
 */
export abstract class CatalogueProcessor<Queue extends QueueName> extends WorkerHost {
  protected abstract readonly handlers: JobHandlers<Queue>;

  process(job: Job, token?: string): Promise<unknown> {
    return dispatchJob(this.handlers, job, token);
  }
}
