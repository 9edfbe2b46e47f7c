import type { ChurnReason, ContactBudget, MoveReason, RfmMetrics, Segment, Stage } from '#domain';

export type CustomerHistoryItemDto =
  | {
      type: 'answer';
      at: string;
      eventId: string;
      storeId: string;
      score: number;
      classification: string;
      comment: string | null;
      themes: string[];
      quality: 'ok' | 'flagged';
    }
  | {
      type: 'purchase';
      at: string;
      eventId: string;
      storeId: string;
      orderId: string;
      amountMinor: number;
      currency: string;
    }
  | { type: 'lead'; at: string; eventId: string; storeId: string; kind: string }
  | { type: 'stage-changed'; at: string; from: Stage | null; to: Stage; reason: MoveReason }
  | { type: 'churn-risk-changed'; at: string; level: 'none' | 'watch' | 'high'; reasons: ChurnReason[] }
  | {
      type: 'loyalty-joined' | 'referral-converted' | 'reward-issued' | 'unsubscribed';
      at: string;
      details: Record<string, unknown>;
    };

/** `GET /api/customers/:id`: the whole profile (DESIGN.md §4.5 and the customer model). */
export interface CustomerDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  stage: Stage | null;
  stageSince: string | null;
  homeStoreId: string | null;
  segment: Segment;
  rfm: { recency: number; frequency: number; monetary: number; metrics: RfmMetrics } | null;
  /** Lifetime spend per currency, in minor units; currencies are never added together. */
  valueMinor: Record<string, number>;
  purchases: {
    count: number;
    firstAt: string | null;
    lastAt: string | null;
    usualIntervalDays: number | null;
  };
  lastScore: number | null;
  lastAnswerAt: string | null;
  answerCount: number;
  churnRisk: { level: 'none' | 'watch' | 'high'; reasons: ChurnReason[] };
  contactBudget: ContactBudget;
  openCaseIds: string[];
  /** The club: invited (with the code that works from then on), and joined once the invitation's link was followed. */
  loyaltyClub: { invitedAt: string; referralCode: string; joinedAt: string | null } | null;
  /** Facts and moves, newest first. */
  history: CustomerHistoryItemDto[];
}
