import type { ChurnReason, MoveReason, Stage } from '#domain';

interface CustomerEventBase {
  /** Unique per event (`ce-<n>`): consumers dedupe on it. */
  eventId: string;
  customerId: string;
  /** The customer's home store when the event happened. */
  storeId: string | null;
  /** When it took effect (a fall by time takes effect when the window runs out). */
  occurredAt: string;
  /** When Ladder recorded it. */
  recordedAt: string;
}

/** A message of `<prefix>.customer-events.v1`, keyed by customer id. */
export type CustomerEventMessage =
  | (CustomerEventBase & { type: 'stage-changed'; from: Stage | null; to: Stage; reason: MoveReason })
  | (CustomerEventBase & {
      type: 'churn-risk-changed';
      level: 'none' | 'watch' | 'high';
      previousLevel: 'none' | 'watch' | 'high';
      reasons: ChurnReason[];
    })
  | (CustomerEventBase & { type: 'loyalty-joined'; details: Record<string, unknown> })
  | (CustomerEventBase & { type: 'referral-converted'; details: Record<string, unknown> });
