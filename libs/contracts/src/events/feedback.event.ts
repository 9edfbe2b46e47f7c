import type { Classification, CustomerState, Segment, Stage } from '#domain';

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

/** What the feedback event says of an answer as scoring stored it. */
export interface ScoredAnswerFacts {
  eventId: string;
  customerId: string;
  storeId: string;
  employeeId: string | null;
  orderId: string | null;
  score: number;
  classification: Classification;
  comment: string | null;
  channel: string | null;
  localDay: string;
  language: string | null;
  themes: string[];
  quality: 'ok' | 'flagged';
  qualityFlags: string[];
}

/** The feedback.v1 message of a scored answer: the answer, its store, and the customer right after it. */
export function feedbackEvent(
  answer: ScoredAnswerFacts,
  occurredAt: string,
  store: { regionId: string | null; known: boolean },
  customer: CustomerState | undefined,
): FeedbackEvent {
  return {
    eventId: answer.eventId,
    occurredAt,
    customerId: answer.customerId,
    storeId: answer.storeId,
    regionId: store.regionId,
    employeeId: answer.employeeId,
    orderId: answer.orderId,
    score: answer.score,
    classification: answer.classification,
    hasComment: answer.comment !== null,
    channel: answer.channel,
    localDay: answer.localDay,
    knownStore: store.known,
    triage: {
      language: answer.language,
      themes: answer.themes,
      quality: answer.quality,
      flags: answer.qualityFlags,
    },
    customer: {
      stage: customer?.stage ?? null,
      segment: customer?.segment ?? 'prospect',
      valueMinor: customer?.valueMinor ?? {},
      churnRisk: customer?.churn.level ?? 'none',
    },
  };
}
