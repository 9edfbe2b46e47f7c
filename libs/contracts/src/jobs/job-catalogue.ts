/**
 * Every BullMQ queue and job Ladder runs, with its payload. Payloads carry ids only: the database row owns
 * the state, and a processor re-reads it (so a retried or repeated job sees the truth, not a stale copy).
 */
export const QUEUE_NAMES = [
  'follow-up',
  'loyalty',
  'notifications',
  'customer-model',
  'reports',
  'maintenance',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobCatalogue {
  /** A detractor answer opens a follow-up case or joins the customer's open case at that store. */
  'open-follow-up-case': { queue: 'follow-up'; payload: { surveyEventId: string } };
  /** The detractor answers of one scored batch, opening or joining their cases in one transaction. */
  'open-follow-up-cases': { queue: 'follow-up'; payload: { surveyEventIds: string[] } };
  /** One escalation step of a case that ran past its due time (a delayed job; stale once the due time moved). */
  'escalate-case': { queue: 'follow-up'; payload: { caseId: string; level: number; dueAt: number } };
  /** Finds overdue cases whose escalation did not happen (Redis lost its timers) and escalates them. */
  'escalation-sweep': { queue: 'follow-up'; payload: Record<string, never> };
  /** Recomputes the priority of open cases: age, value and churn risk change. */
  'refresh-case-priorities': { queue: 'follow-up'; payload: Record<string, never> };
  /** A store's SLA changed: its open cases get new due times and escalation timers. */
  'reschedule-store-cases': { queue: 'follow-up'; payload: { storeId: string } };
  /** Asks a customer again some days after their case was resolved. */
  'resurvey-customer': { queue: 'follow-up'; payload: { caseId: string } };
  /** A promoter answer with marketing consent invites the customer to the loyalty club. */
  'invite-to-loyalty-club': { queue: 'loyalty'; payload: { surveyEventId: string } };
  /** A promoter answer without marketing consent: the customer is thanked (a service e-mail, no offer). */
  'thank-promoter': { queue: 'loyalty'; payload: { surveyEventId: string } };
  /** The invitations of one scored batch's consenting promoters, decided in one transaction. */
  'invite-promoters': { queue: 'loyalty'; payload: { surveyEventIds: string[] } };
  /** The thank-yous of one scored batch's other promoters, decided in one transaction. */
  'thank-promoters': { queue: 'loyalty'; payload: { surveyEventIds: string[] } };
  /** A purchase carried a referral code: the friend's conversion is recorded and checked. */
  'record-referral': { queue: 'loyalty'; payload: { purchaseEventId: string } };
  /** A purchase paid with a voucher: it is redeemed once, or refused with its reason. */
  'redeem-voucher': { queue: 'loyalty'; payload: { purchaseEventId: string } };
  /** A refund returned a purchase: the voucher it used can be used again. */
  'reverse-redemption': { queue: 'loyalty'; payload: { refundEventId: string } };
  /** A member's purchase or answer earns points (docs/promoter-loop.md, Points), once per event. */
  'earn-points': { queue: 'loyalty'; payload: { source: 'purchase' | 'survey'; eventId: string } };
  /** A refund takes back the points its purchase earned and gives back a points voucher's points. */
  'reverse-points': { queue: 'loyalty'; payload: { refundEventId: string } };
  /** Expires the points that ran out and moves the tiers the window left behind (job scheduler). */
  'review-points': { queue: 'loyalty'; payload: Record<string, never> };
  /** A conversion's cooling-off ended: checked again, then the referrer is paid or it goes to review. */
  'settle-referral': { queue: 'loyalty'; payload: { referralId: string } };
  /** Settles conversions whose cooling-off ended but whose timer was lost (Redis restarted) (job scheduler). */
  'settle-due-referrals': { queue: 'loyalty'; payload: Record<string, never> };
  /**
   * Learns the cross-sell rules from the purchase history, then offers each eligible Client and Advocate
   * their next category (job scheduler, and on demand by an admin).
   */
  'run-cross-sell': { queue: 'loyalty'; payload: { requestedBy: string | null } };
  /** One e-mail, described by its notification row. */
  'send-notification': { queue: 'notifications'; payload: { notificationId: string } };
  /** Refreshes the customers whom time alone has moved: lapses, broken rhythms (job scheduler). */
  'review-customers': { queue: 'customer-model'; payload: Record<string, never> };
  /** Recomputes RFM boundaries and every customer's segment (job scheduler, and on demand). */
  'recompute-segments': { queue: 'customer-model'; payload: { requestedBy: string | null } };
  /** A store's daily huddle digest (one job scheduler per store, at the local time in its time zone). */
  'send-huddle': { queue: 'reports'; payload: { storeId: string } };
  /** A region's weekly outer-loop report of the root causes that keep coming back. */
  'send-outer-loop': { queue: 'reports'; payload: { regionId: string } };
  /** Keeps one huddle schedule per store and one report schedule per region, as the directory changes. */
  'sync-report-schedules': { queue: 'reports'; payload: Record<string, never> };
  /** Publishes outbox rows a crash or an outage left behind (job scheduler). */
  'relay-outbox': { queue: 'maintenance'; payload: Record<string, never> };
}

export type JobName = keyof JobCatalogue;
export type JobPayload<Name extends JobName> = JobCatalogue[Name]['payload'];
export type QueueOf<Name extends JobName> = JobCatalogue[Name]['queue'];

export const JOB_QUEUES: { [Name in JobName]: QueueOf<Name> } = {
  'open-follow-up-case': 'follow-up',
  'open-follow-up-cases': 'follow-up',
  'escalate-case': 'follow-up',
  'escalation-sweep': 'follow-up',
  'refresh-case-priorities': 'follow-up',
  'reschedule-store-cases': 'follow-up',
  'resurvey-customer': 'follow-up',
  'invite-to-loyalty-club': 'loyalty',
  'thank-promoter': 'loyalty',
  'invite-promoters': 'loyalty',
  'thank-promoters': 'loyalty',
  'record-referral': 'loyalty',
  'redeem-voucher': 'loyalty',
  'reverse-redemption': 'loyalty',
  'earn-points': 'loyalty',
  'reverse-points': 'loyalty',
  'review-points': 'loyalty',
  'settle-referral': 'loyalty',
  'settle-due-referrals': 'loyalty',
  'run-cross-sell': 'loyalty',
  'send-notification': 'notifications',
  'review-customers': 'customer-model',
  'recompute-segments': 'customer-model',
  'send-huddle': 'reports',
  'send-outer-loop': 'reports',
  'sync-report-schedules': 'reports',
  'relay-outbox': 'maintenance',
};

/** A job described before it is queued: the outbox stores these. */
export type JobRequest = {
  /**
   * `runAt` (epoch ms) delays the job until then. `priority` (1 and up, BullMQ's: lower goes first) lets
   * the jobs without one go before it: what can wait (a customer's e-mail) behind what cannot (a manager's
   * alert).
   */
  [Name in JobName]: { name: Name; id: string; payload: JobPayload<Name>; runAt?: number; priority?: number };
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
  runAt?: Date,
): JobRequest {
  return { name, id: jobId(name, key), payload, ...(runAt ? { runAt: runAt.getTime() } : {}) } as JobRequest;
}
