import type { Classification, Segment, Stage } from '#domain';

/**
 * A message of `<prefix>.feedback.v1`: one accepted survey answer, scored. Keyed by customer id.
 * `eventId` is the survey answer's own eventId, so consumers dedupe on it.
 */
export interface FeedbackEvent {
  eventId: string;
  occurredAt: string;
  customerId: string;
  storeId: string;
  regionId: string | null;
  employeeId: string | null;
  orderId: string | null;
  score: number;
  classification: Classification;
  hasComment: boolean;
  channel: string | null;
  /** The store's local calendar day the answer counts on in the read model. */
  localDay: string;
  /** Whether the store was in the directory when the answer was scored. */
  knownStore: boolean;
  /** Comment triage: what the comment is about and whether it is junk (see docs/customer-model.md). */
  triage: {
    language: string | null;
    themes: string[];
    quality: 'ok' | 'flagged';
    flags: string[];
  };
  /** The customer right after this answer was counted. */
  customer: {
    stage: Stage | null;
    segment: Segment;
    valueMinor: Record<string, number>;
    churnRisk: 'none' | 'watch' | 'high';
  };
}
