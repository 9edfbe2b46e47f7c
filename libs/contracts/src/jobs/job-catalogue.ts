/**
 * Every BullMQ queue and job Ladder runs, with its payload. Payloads carry ids only: the database row owns
 * the state, and a processor re-reads it (so a retried or repeated job sees the truth, not a stale copy).
 */
export const QUEUE_NAMES = [
  'follow-up',
  'loyalty',
  'notifications',
  'customer-model',
  'maintenance',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobCatalogue {
  /** A detractor answer opens a follow-up case or joins the customer's open case at that store. */
  'open-follow-up-case': { queue: 'follow-up'; payload: { surveyEventId: string } };
  /** A promoter answer with marketing consent invites the customer to the loyalty club. */
  'invite-to-loyalty-club': { queue: 'loyalty'; payload: { surveyEventId: string } };
  /** One e-mail, described by its notification row. */
  'send-notification': { queue: 'notifications'; payload: { notificationId: string } };
  /** Refreshes the customers whom time alone has moved: lapses, broken rhythms (job scheduler). */
  'review-customers': { queue: 'customer-model'; payload: Record<string, never> };
  /** Recomputes RFM boundaries and every customer's segment (job scheduler, and on demand). */
  'recompute-segments': { queue: 'customer-model'; payload: { requestedBy: string | null } };
  /** Publishes outbox rows a crash or an outage left behind (job scheduler). */
  'relay-outbox': { queue: 'maintenance'; payload: Record<string, never> };
}

export type JobName = keyof JobCatalogue;
export type JobPayload<Name extends JobName> = JobCatalogue[Name]['payload'];
export type QueueOf<Name extends JobName> = JobCatalogue[Name]['queue'];

export const JOB_QUEUES: { [Name in JobName]: QueueOf<Name> } = {
  'open-follow-up-case': 'follow-up',
  'invite-to-loyalty-club': 'loyalty',
  'send-notification': 'notifications',
  'review-customers': 'customer-model',
  'recompute-segments': 'customer-model',
  'relay-outbox': 'maintenance',
};

/** A job described before it is queued: the outbox stores these. */
export type JobRequest = {
  [Name in JobName]: { name: Name; id: string; payload: JobPayload<Name> };
}[JobName];

/**
 * A deterministic BullMQ job id: the same effect always gets the same id, so a repeated request is
 * ignored while the first job is known. BullMQ forbids ':' and all-digit ids; the key is URI-encoded
 * and prefixed with the job name.
 */
export function jobId(name: JobName, key: string): string {
  return `${name}.${encodeURIComponent(key)}`;
}

export function jobRequest<Name extends JobName>(
  name: Name,
  key: string,
  payload: JobPayload<Name>,
): JobRequest {
  return { name, id: jobId(name, key), payload } as JobRequest;
}
