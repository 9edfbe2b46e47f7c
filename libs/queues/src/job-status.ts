import type { Job } from 'bullmq';

/** A long job as the API shows it to the person who asked for it: its state, progress and result. */
export interface JobStatus<Progress, Result> {
  jobId: string;
  state: string;
  progress: Progress | null;
  requestedAt: string;
  finishedAt: string | null;
  result: Result | null;
  failedReason: string | null;
}

/** A job's status from BullMQ: its progress when it reported one, its return value once it finished. */
export function jobStatus<Status extends JobStatus<unknown, unknown>>(job: Job, state: string): Status {
  const progress = typeof job.progress === 'object' && job.progress !== null ? job.progress : null;
  return {
    jobId: job.id!,
    state,
    progress,
    requestedAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    result: job.returnvalue ?? null,
    failedReason: job.failedReason ?? null,
  } as Status;
}
