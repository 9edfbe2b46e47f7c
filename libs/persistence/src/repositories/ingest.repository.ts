import type { ScoredAnswerFacts } from '#contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export interface SourcePosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface ProcessedEventRow extends SourcePosition {
  eventId: string;
}

/** What one batch says about one customer, folded together: the latest contact details win. */
export interface CustomerObservation {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  locale: string | null;
  contactObservedAt: Date;
  marketingConsent: boolean | null;
  consentObservedAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** An answer as stored: what the feedback event says of it, plus consent, time and its place in Kafka. */
export interface SurveyAnswerRow extends ScoredAnswerFacts {
  marketingConsent: boolean | null;
  occurredAt: Date;
  /** The Kafka message's timestamp: when the answer arrived in Kafka. */
  producedAt: Date | null;
  partition: number;
  offset: string;
}

export interface PurchaseRow {
  eventId: string;
  customerId: string;
  storeId: string;
  employeeId: string | null;
  orderId: string;
  amountMinor: number;
  currency: string;
  items: unknown[] | null;
  channel: string | null;
  referralCode: string | null;
  voucherCode: string | null;
  occurredAt: Date;
  partition: number;
  offset: string;
}

/** A purchase event with `refundOf`: the return of an earlier purchase. */
export interface RefundRow {
  eventId: string;
  customerId: string;
  storeId: string;
  refundOf: string;
  amountMinor: number;
  currency: string;
  occurredAt: Date;
  partition: number;
  offset: string;
}

export interface LeadRow {
  eventId: string;
  customerId: string;
  storeId: string;
  kind: string;
  occurredAt: Date;
  partition: number;
  offset: string;
}

export interface NpsIncrement {
  storeId: string;
  /** '' when the answer names no employee. */
  employeeId: string;
  day: string;
  promoters: number;
  passives: number;
  detractors: number;
  flaggedPromoters: number;
  flaggedPassives: number;
  flaggedDetractors: number;
}

export interface DeadLetterRow extends SourcePosition {
  /** The key as readable text (what could not be stored as text is replaced); null without one. */
  key: string | null;
  /** The key byte for byte, when the text above is not exactly it. */
  keyBytes: Buffer | null;
  value: Buffer | null;
  reasonCode: string;
  reasonMessage: string;
  fields: unknown;
}

/** The statements of the scoring hot path: one multi-row statement per table per batch. */
@Injectable()
export class IngestRepository {
  /** Records event ids; returns the ones seen for the first time (a repeat is ignored, DESIGN.md §4.2). */
  async claimEvents(manager: EntityManager, events: ProcessedEventRow[]): Promise<Set<string>> {
    // Sorted, so two batches that share ids lock them in the same order and never deadlock.
    const sorted = [...events].sort((a, b) => compare(a.eventId, b.eventId));
    const rows = await unnestInsert<ProcessedEventRow, { event_id: string }>(manager, {
      table: 'processed_events',
      columns: [
        { name: 'event_id', type: 'text', value: (row) => row.eventId },
        { name: 'topic', type: 'text', value: (row) => row.topic },
        { name: 'source_partition', type: 'integer', value: (row) => row.partition },
        { name: 'source_offset', type: 'bigint', value: (row) => row.offset },
      ],
      rows: sorted,
      tail: 'ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
    });
    return new Set(rows.map((row) => row.event_id));
  }

  async upsertCustomers(manager: EntityManager, customers: CustomerObservation[]): Promise<void> {
    const sorted = [...customers].sort((a, b) => compare(a.id, b.id));
    const newerContact = 'excluded.contact_observed_at >= customers.contact_observed_at';
    const contactField = (column: string) =>
      `${column} = CASE WHEN ${newerContact} THEN coalesce(excluded.${column}, customers.${column})
                        ELSE coalesce(customers.${column}, excluded.${column}) END`;
    await unnestInsert(manager, {
      table: 'customers',
      columns: [
        { name: 'id', type: 'text', value: (row: CustomerObservation) => row.id },
        { name: 'email', type: 'text', value: (row) => row.email },
        { name: 'phone', type: 'text', value: (row) => row.phone },
        { name: 'name', type: 'text', value: (row) => row.name },
        { name: 'locale', type: 'text', value: (row) => row.locale },
        { name: 'contact_observed_at', type: 'timestamptz', value: (row) => row.contactObservedAt },
        { name: 'marketing_consent', type: 'boolean', value: (row) => row.marketingConsent },
        { name: 'consent_observed_at', type: 'timestamptz', value: (row) => row.consentObservedAt },
        { name: 'first_seen_at', type: 'timestamptz', value: (row) => row.firstSeenAt },
        { name: 'last_seen_at', type: 'timestamptz', value: (row) => row.lastSeenAt },
      ],
      rows: sorted,
      tail: `ON CONFLICT (id) DO UPDATE SET
        ${['email', 'phone', 'name', 'locale'].map(contactField).join(',\n')},
        contact_observed_at = greatest(customers.contact_observed_at, excluded.contact_observed_at),
        marketing_consent = CASE
          WHEN excluded.consent_observed_at IS NOT NULL
           AND (customers.consent_observed_at IS NULL OR excluded.consent_observed_at >= customers.consent_observed_at)
          THEN excluded.marketing_consent ELSE customers.marketing_consent END,
        consent_observed_at = greatest(customers.consent_observed_at, excluded.consent_observed_at),
        first_seen_at = least(customers.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(customers.last_seen_at, excluded.last_seen_at),
        updated_at = now()`,
    });
  }

  async insertSurveyAnswers(manager: EntityManager, answers: SurveyAnswerRow[]): Promise<void> {
    await unnestInsert(manager, {
      table: 'survey_answers',
      columns: [
        { name: 'event_id', type: 'text', value: (row: SurveyAnswerRow) => row.eventId },
        { name: 'customer_id', type: 'text', value: (row) => row.customerId },
        { name: 'store_id', type: 'text', value: (row) => row.storeId },
        { name: 'employee_id', type: 'text', value: (row) => row.employeeId },
        { name: 'order_id', type: 'text', value: (row) => row.orderId },
        { name: 'score', type: 'smallint', value: (row) => row.score },
        { name: 'classification', type: 'text', value: (row) => row.classification },
        { name: 'comment', type: 'text', value: (row) => row.comment },
        { name: 'channel', type: 'text', value: (row) => row.channel },
        { name: 'marketing_consent', type: 'boolean', value: (row) => row.marketingConsent },
        { name: 'occurred_at', type: 'timestamptz', value: (row) => row.occurredAt },
        { name: 'local_day', type: 'date', value: (row) => row.localDay },
        { name: 'language', type: 'text', value: (row) => row.language },
        { name: 'themes', type: 'text', cast: 'text[]', value: (row) => arrayLiteral(row.themes) },
        { name: 'quality', type: 'text', value: (row) => row.quality },
        {
          name: 'quality_flags',
          type: 'text',
          cast: 'text[]',
          value: (row) => arrayLiteral(row.qualityFlags),
        },
        { name: 'source_partition', type: 'integer', value: (row) => row.partition },
        { name: 'source_offset', type: 'bigint', value: (row) => row.offset },
        { name: 'produced_at', type: 'timestamptz', value: (row) => row.producedAt },
      ],
      rows: answers,
    });
  }

  async insertPurchases(manager: EntityManager, purchases: PurchaseRow[]): Promise<void> {
    await unnestInsert(manager, {
      table: 'purchases',
      columns: [
        { name: 'event_id', type: 'text', value: (row: PurchaseRow) => row.eventId },
        { name: 'customer_id', type: 'text', value: (row) => row.customerId },
        { name: 'store_id', type: 'text', value: (row) => row.storeId },
        { name: 'employee_id', type: 'text', value: (row) => row.employeeId },
        { name: 'order_id', type: 'text', value: (row) => row.orderId },
        { name: 'amount_minor', type: 'bigint', value: (row) => row.amountMinor },
        { name: 'currency', type: 'text', value: (row) => row.currency },
        {
          name: 'items',
          type: 'jsonb',
          value: (row) => (row.items === null ? null : JSON.stringify(row.items)),
        },
        { name: 'channel', type: 'text', value: (row) => row.channel },
        { name: 'referral_code', type: 'text', value: (row) => row.referralCode },
        { name: 'voucher_code', type: 'text', value: (row) => row.voucherCode },
        { name: 'occurred_at', type: 'timestamptz', value: (row) => row.occurredAt },
        { name: 'source_partition', type: 'integer', value: (row) => row.partition },
        { name: 'source_offset', type: 'bigint', value: (row) => row.offset },
      ],
      rows: purchases,
    });
  }

  async insertRefunds(manager: EntityManager, refunds: RefundRow[]): Promise<void> {
    await unnestInsert(manager, {
      table: 'refunds',
      columns: [
        { name: 'event_id', type: 'text', value: (row: RefundRow) => row.eventId },
        { name: 'customer_id', type: 'text', value: (row) => row.customerId },
        { name: 'store_id', type: 'text', value: (row) => row.storeId },
        { name: 'refund_of', type: 'text', value: (row) => row.refundOf },
        { name: 'amount_minor', type: 'bigint', value: (row) => row.amountMinor },
        { name: 'currency', type: 'text', value: (row) => row.currency },
        { name: 'occurred_at', type: 'timestamptz', value: (row) => row.occurredAt },
        { name: 'source_partition', type: 'integer', value: (row) => row.partition },
        { name: 'source_offset', type: 'bigint', value: (row) => row.offset },
      ],
      rows: refunds,
    });
  }

  async insertLeads(manager: EntityManager, leads: LeadRow[]): Promise<void> {
    await unnestInsert(manager, {
      table: 'leads',
      columns: [
        { name: 'event_id', type: 'text', value: (row: LeadRow) => row.eventId },
        { name: 'customer_id', type: 'text', value: (row) => row.customerId },
        { name: 'store_id', type: 'text', value: (row) => row.storeId },
        { name: 'kind', type: 'text', value: (row) => row.kind },
        { name: 'occurred_at', type: 'timestamptz', value: (row) => row.occurredAt },
        { name: 'source_partition', type: 'integer', value: (row) => row.partition },
        { name: 'source_offset', type: 'bigint', value: (row) => row.offset },
      ],
      rows: leads,
    });
  }

  /** Adds pre-aggregated counts to the NPS read model, keys sorted so concurrent batches never deadlock. */
  async incrementNps(manager: EntityManager, increments: NpsIncrement[]): Promise<void> {
    const sorted = [...increments].sort(
      (a, b) => compare(a.storeId, b.storeId) || compare(a.employeeId, b.employeeId) || compare(a.day, b.day),
    );
    await unnestInsert(manager, {
      table: 'nps_daily',
      columns: [
        { name: 'store_id', type: 'text', value: (row: NpsIncrement) => row.storeId },
        { name: 'employee_id', type: 'text', value: (row) => row.employeeId },
        { name: 'day', type: 'date', value: (row) => row.day },
        { name: 'promoters', type: 'integer', value: (row) => row.promoters },
        { name: 'passives', type: 'integer', value: (row) => row.passives },
        { name: 'detractors', type: 'integer', value: (row) => row.detractors },
        { name: 'flagged_promoters', type: 'integer', value: (row) => row.flaggedPromoters },
        { name: 'flagged_passives', type: 'integer', value: (row) => row.flaggedPassives },
        { name: 'flagged_detractors', type: 'integer', value: (row) => row.flaggedDetractors },
      ],
      rows: sorted,
      tail: `ON CONFLICT (store_id, employee_id, day) DO UPDATE SET
        promoters = nps_daily.promoters + excluded.promoters,
        passives = nps_daily.passives + excluded.passives,
        detractors = nps_daily.detractors + excluded.detractors,
        flagged_promoters = nps_daily.flagged_promoters + excluded.flagged_promoters,
        flagged_passives = nps_daily.flagged_passives + excluded.flagged_passives,
        flagged_detractors = nps_daily.flagged_detractors + excluded.flagged_detractors`,
    });
  }

  /**
   * When these customers' stored answers were given, each customer's only within their window (after
   * `since`, up to `until`): the flood rule counts the answers of a span before each new one, so a customer
   * with years of answers (a shared "guest" id) costs no more than one with a day's.
   */
  async answerTimes(
    manager: EntityManager,
    windows: ReadonlyArray<{ customerId: string; since: Date; until: Date }>,
  ): Promise<Map<string, Date[]>> {
    const times = new Map<string, Date[]>();
    if (windows.length === 0) return times;
    const { rows } = await queryRows<{ customer_id: string; occurred_at: Date }>(
      manager,
      `SELECT a.customer_id, a.occurred_at
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS w(customer_id, since, until)
         JOIN survey_answers a
           ON a.customer_id = w.customer_id AND a.occurred_at > w.since AND a.occurred_at <= w.until`,
      [windows.map((w) => w.customerId), windows.map((w) => w.since), windows.map((w) => w.until)],
    );
    for (const row of rows) {
      const list = times.get(row.customer_id);
      if (list) list.push(row.occurred_at);
      else times.set(row.customer_id, [row.occurred_at]);
    }
    return times;
  }

  /** Keeps rejected messages; returns the ids of those not already kept (a redelivery adds nothing). */
  async insertDeadLetters(manager: EntityManager, deadLetters: DeadLetterRow[]): Promise<DeadLetterRow[]> {
    const rows = await unnestInsert<
      DeadLetterRow,
      { source_topic: string; source_partition: number; source_offset: string }
    >(manager, {
      table: 'dead_letters',
      columns: [
        { name: 'source_topic', type: 'text', value: (row) => row.topic },
        { name: 'source_partition', type: 'integer', value: (row) => row.partition },
        { name: 'source_offset', type: 'bigint', value: (row) => row.offset },
        { name: 'message_key', type: 'text', value: (row) => row.key },
        { name: 'message_key_bytes', type: 'bytea', value: (row) => row.keyBytes },
        { name: 'value', type: 'bytea', value: (row) => row.value },
        { name: 'reason_code', type: 'text', value: (row) => row.reasonCode },
        { name: 'reason_message', type: 'text', value: (row) => row.reasonMessage },
        {
          name: 'fields',
          type: 'jsonb',
          value: (row) => (row.fields === undefined ? null : JSON.stringify(row.fields)),
        },
      ],
      rows: deadLetters,
      tail: `ON CONFLICT ON CONSTRAINT dead_letters_source_key DO NOTHING
               RETURNING source_topic, source_partition, source_offset::text AS source_offset`,
    });
    const inserted = new Set(
      rows.map((row) => `${row.source_topic}/${row.source_partition}/${row.source_offset}`),
    );
    return deadLetters.filter((row) => inserted.has(`${row.topic}/${row.partition}/${row.offset}`));
  }
}

/** A text[] literal (`{"a","b"}`), each element quoted and escaped. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(',')}}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
