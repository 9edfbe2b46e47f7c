import type { LadderConfig } from '#config';
import type { QueueName } from '#contracts';
import type { DefaultJobOptions } from 'bullmq';

const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 14 * 24 * 3600 };

/** Retries per queue: transient failures back off exponentially; permanent ones throw UnrecoverableError. */
export const FOLLOW_UP_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
};

export const LOYALTY_JOB_OPTIONS: DefaultJobOptions = FOLLOW_UP_JOB_OPTIONS;

/** 2 s, 4 s, … 256 s: an SMTP server that is down for a few minutes loses nothing. */
export const NOTIFICATION_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 9,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
};

/** Maintenance runs again at its next tick; a failed run is not retried on its own. */
export const MAINTENANCE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 1,
  removeOnComplete: { age: 3600, count: 100 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

/** A sweep over customers is retried a few times (a database restart), then waits for its next tick. */
export const CUSTOMER_MODEL_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 200 },
  removeOnFail: { age: 14 * 24 * 3600, count: 1000 },
};

const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  'follow-up': FOLLOW_UP_JOB_OPTIONS,
  loyalty: LOYALTY_JOB_OPTIONS,
  notifications: NOTIFICATION_JOB_OPTIONS,
  'customer-model': CUSTOMER_MODEL_JOB_OPTIONS,
  // A report builds an e-mail from the database: retried like a sweep, then left for the next day.
  reports: CUSTOMER_MODEL_JOB_OPTIONS,
  maintenance: MAINTENANCE_JOB_OPTIONS,
};

/**
 * A queue's options with the retries of the configuration: the queues that carry the loop's effects (cases,
 * invitations, e-mails) take LADDER_JOB_ATTEMPTS and LADDER_JOB_BACKOFF when they are set. Whatever runs
 * out of retries is picked up again by the reconciler, from PostgreSQL.
 */
export function jobOptions(queue: QueueName, resilience: LadderConfig['resilience']): DefaultJobOptions {
  const options = JOB_OPTIONS[queue];
  if (queue !== 'follow-up' && queue !== 'loyalty' && queue !== 'notifications') return options;
  // E-mail waits twice as long between tries, one try fewer: the same window, kinder to an SMTP server.
  const mail = queue === 'notifications';
  return {
    ...options,
    attempts: Math.max(1, resilience.jobAttempts - (mail ? 1 : 0)),
    backoff: { type: 'exponential', delay: resilience.jobBackoffMs * (mail ? 2 : 1) },
  };
}

/** How many jobs of a queue one worker process runs at once. */
export const WORKER_CONCURRENCY: Record<QueueName, number> = {
  'follow-up': 4,
  loyalty: 2,
  notifications: 4,
  // One sweep at a time: pages lock customers, two sweeps would only wait for each other.
  'customer-model': 1,
  reports: 2,
  maintenance: 1,
};

/**
 * A processor's worker options: its concurrency, and no start before the application is up. A worker that
 * started consuming while modules were still initialising ran jobs before their feature had registered
 * what the job needs (an e-mail's renderer), and failed them for good; CatalogueProcessor starts it once
 * every module is initialised.
 */
export function workerOptions(queue: QueueName): { concurrency: number; autorun: false } {
  return { concurrency: WORKER_CONCURRENCY[queue], autorun: false };
}

/** True when this was the job's last attempt, so a failure now is final. */
export function isFinalAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
