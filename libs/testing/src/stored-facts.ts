import { classify } from '#domain';
import type { DataSource } from 'typeorm';

// The facts a use case reads, stored as scoring would have stored them, so an integration test of one feature
// library starts from the database and needs no Kafka message. Only the columns the facts need; the rest keep
// their defaults.

export interface CustomerFact {
  id: string;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  locale?: string | null;
  seenAt?: Date;
}

export async function storeCustomer(database: DataSource, customer: CustomerFact): Promise<void> {
  const seenAt = customer.seenAt ?? new Date();
  await database.query(
    `INSERT INTO customers (id, email, phone, name, locale, contact_observed_at, first_seen_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6)`,
    [
      customer.id,
      customer.email ?? null,
      customer.phone ?? null,
      customer.name ?? null,
      customer.locale ?? null,
      seenAt,
    ],
  );
}

export interface SurveyAnswerFact {
  eventId: string;
  customerId: string;
  storeId: string;
  score: number;
  marketingConsent?: boolean | null;
  occurredAt?: Date;
}

/** A scored answer, classified as scoring classifies it. */
export async function storeSurveyAnswer(database: DataSource, answer: SurveyAnswerFact): Promise<void> {
  const occurredAt = answer.occurredAt ?? new Date();
  await database.query(
    `INSERT INTO survey_answers (event_id, customer_id, store_id, score, classification, marketing_consent,
                                 occurred_at, local_day, source_partition, source_offset)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz::date, 0, 0)`,
    [
      answer.eventId,
      answer.customerId,
      answer.storeId,
      answer.score,
      classify(answer.score),
      answer.marketingConsent ?? null,
      occurredAt,
    ],
  );
}

export interface PurchaseFact {
  eventId: string;
  customerId: string;
  storeId: string;
  occurredAt: Date;
  referralCode?: string | null;
  amountMinor?: number;
  currency?: string;
}

export async function storePurchase(database: DataSource, purchase: PurchaseFact): Promise<void> {
  await database.query(
    `INSERT INTO purchases (event_id, customer_id, store_id, order_id, amount_minor, currency, referral_code,
                            occurred_at, source_partition, source_offset)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0)`,
    [
      purchase.eventId,
      purchase.customerId,
      purchase.storeId,
      `order-${purchase.eventId}`,
      purchase.amountMinor ?? 5_000,
      purchase.currency ?? 'EUR',
      purchase.referralCode ?? null,
      purchase.occurredAt,
    ],
  );
}
