import type { LeadEvent, PurchaseEvent, SurveyEvent } from '#contracts';
import { classify, localDay, triageComment, type TriageRules } from '#domain';
import type { ConsumedMessage } from '#messaging';
import type { DeadLetterRow, LeadRow, PurchaseRow, SurveyAnswerRow } from '#persistence';
import type { RejectedMessage } from './decode-batch.js';

/** An answer as the read model stores it: scored, triaged, and counted on the store's local day. */
export function answerRow(
  event: SurveyEvent,
  message: ConsumedMessage,
  occurredAt: Date,
  timeZone: string,
  otherAnswerTimes: Date[],
  triageRules: TriageRules,
): SurveyAnswerRow {
  const triage = triageComment(
    { comment: event.comment ?? null, score: event.score, occurredAt, otherAnswerTimes },
    triageRules,
  );
  return {
    eventId: event.eventId,
    customerId: event.customer.id,
    storeId: event.storeId,
    employeeId: event.employeeId ?? null,
    orderId: event.orderId ?? null,
    score: event.score,
    classification: classify(event.score),
    comment: event.comment ?? null,
    channel: event.channel ?? null,
    marketingConsent: event.consent?.marketing ?? null,
    occurredAt,
    localDay: localDay(occurredAt, timeZone),
    language: event.comment ? triage.language : null,
    themes: triage.themes,
    quality: triage.quality,
    qualityFlags: triage.flags,
    partition: message.partition,
    offset: message.offset,
    producedAt: kafkaTime(message.timestamp),
  };
}

/** A Kafka message's timestamp (epoch milliseconds as text), or null when it has none worth trusting. */
function kafkaTime(timestamp: string | undefined): Date | null {
  const milliseconds = Number(timestamp);
  return Number.isFinite(milliseconds) && milliseconds > 0 ? new Date(milliseconds) : null;
}

export function purchaseRow(event: PurchaseEvent, message: ConsumedMessage, occurredAt: Date): PurchaseRow {
  return {
    eventId: event.eventId,
    customerId: event.customer.id,
    storeId: event.storeId,
    employeeId: event.employeeId ?? null,
    orderId: event.orderId,
    amountMinor: event.total.amountMinor,
    currency: event.total.currency,
    items: event.items ?? null,
    channel: event.channel ?? null,
    referralCode: event.referralCode ?? null,
    occurredAt,
    partition: message.partition,
    offset: message.offset,
  };
}

export function leadRow(event: LeadEvent, message: ConsumedMessage, occurredAt: Date): LeadRow {
  return {
    eventId: event.eventId,
    customerId: event.customer.id,
    storeId: event.storeId,
    kind: event.kind,
    occurredAt,
    partition: message.partition,
    offset: message.offset,
  };
}

export function deadLetterRow({ message, rejection }: RejectedMessage): DeadLetterRow {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value,
    reasonCode: rejection.code,
    reasonMessage: rejection.message,
    fields: rejection.fields ?? null,
  };
}
