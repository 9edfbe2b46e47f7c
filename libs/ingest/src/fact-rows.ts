import type { LeadEvent, PurchaseEvent, SurveyEvent } from '#contracts';
import { classify, localDay, normaliseVoucherCode, triageComment, type TriageRules } from '#domain';
import type { ConsumedMessage } from '#messaging';
import type { DeadLetterRow, LeadRow, PurchaseRow, RefundRow, SurveyAnswerRow } from '#persistence';
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
    voucherCode: normaliseVoucherCode(event.voucherCode),
    occurredAt,
    partition: message.partition,
    offset: message.offset,
  };
}

/** A purchase event with `refundOf`: stored as the refund it is, never as a purchase. */
export function refundRow(
  event: PurchaseEvent & { refundOf: string },
  message: ConsumedMessage,
  occurredAt: Date,
): RefundRow {
  return {
    eventId: event.eventId,
    customerId: event.customer.id,
    storeId: event.storeId,
    refundOf: event.refundOf,
    amountMinor: event.total.amountMinor,
    currency: event.total.currency,
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

/**
 * A rejected message as its dead letter: whatever it carries, storing it cannot fail, so it never blocks its
 * partition. PostgreSQL text holds no NUL and no broken UTF-8: the key and the reason are stored readable,
 * and a key that is not clean text also byte for byte; the value is kept as bytes.
 */
export function deadLetterRow({ message, rejection }: RejectedMessage): DeadLetterRow {
  const key = message.key === null ? null : storableText(message.key.toString('utf8'));
  const exact = message.key !== null && key !== null && Buffer.from(key, 'utf8').equals(message.key);
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key,
    keyBytes: message.key === null || exact ? null : message.key,
    value: message.value,
    reasonCode: rejection.code,
    reasonMessage: storableText(rejection.message),
    fields: rejection.fields ? storableJson(rejection.fields) : null,
  };
}

/** Text PostgreSQL can store: NUL (which no text or jsonb column takes) becomes U+FFFD. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}

function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [storableText(name), storableJson(item)]),
    );
  }
  return value;
}
