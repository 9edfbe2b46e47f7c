import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export interface CustomerRecord {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  locale: string | null;
  marketingConsent: boolean | null;
  unsubscribedAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export type CustomerFactRecord =
  | {
      type: 'answer';
      eventId: string;
      storeId: string;
      score: number;
      classification: string;
      comment: string | null;
      themes: string[];
      quality: 'ok' | 'flagged';
      occurredAt: Date;
    }
  | {
      type: 'purchase';
      eventId: string;
      storeId: string;
      orderId: string;
      amountMinor: number;
      currency: string;
      occurredAt: Date;
    }
  | { type: 'lead'; eventId: string; storeId: string; kind: string; occurredAt: Date };

export interface StoredPurchase {
  eventId: string;
  customerId: string;
  storeId: string;
  occurredAt: Date;
  referralCode: string | null;
  voucherCode: string | null;
  amountMinor: number;
  currency: string;
}

const CUSTOMER_COLUMNS = `id, email, phone, name, locale, marketing_consent AS "marketingConsent",
  unsubscribed_at AS "unsubscribedAt", first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt"`;

@Injectable()
export class CustomerRepository {
  async find(manager: EntityManager, customerId: string): Promise<CustomerRecord | null> {
    const { rows } = await queryRows<CustomerRecord>(
      manager,
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  /** The customers of these ids that exist, by id, in one query. */
  async findMany(
    manager: EntityManager,
    customerIds: readonly string[],
  ): Promise<Map<string, CustomerRecord>> {
    const { rows } = await queryRows<CustomerRecord>(
      manager,
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ANY($1::text[])`,
      [[...new Set(customerIds)]],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** One purchase as the referral rules read it. */
  async findPurchase(manager: EntityManager, eventId: string): Promise<StoredPurchase | null> {
    const { rows } = await queryRows<StoredPurchase>(
      manager,
      `SELECT event_id AS "eventId", customer_id AS "customerId", store_id AS "storeId", occurred_at AS "occurredAt",
              referral_code AS "referralCode", voucher_code AS "voucherCode",
              amount_minor::double precision AS "amountMinor", currency
         FROM purchases WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  /** When the customer's purchases other than `exceptEventId` were made. */
  async otherPurchaseTimes(
    manager: EntityManager,
    customerId: string,
    exceptEventId: string,
  ): Promise<Date[]> {
    const { rows } = await queryRows<{ occurred_at: Date }>(
      manager,
      'SELECT occurred_at FROM purchases WHERE customer_id = $1 AND event_id <> $2',
      [customerId, exceptEventId],
    );
    return rows.map((row) => row.occurred_at);
  }

  /** Stops every e-mail to the customer; true the first time, false when they had already unsubscribed. */
  async unsubscribe(manager: EntityManager, customerId: string): Promise<boolean> {
    const { rows } = await queryRows(
      manager,
      `UPDATE customers SET unsubscribed_at = now() WHERE id = $1 AND unsubscribed_at IS NULL RETURNING id`,
      [customerId],
    );
    return rows.length === 1;
  }

  async answerCount(manager: EntityManager, customerId: string): Promise<number> {
    const { rows } = await queryRows<{ count: number }>(
      manager,
      'SELECT count(*)::int AS count FROM survey_answers WHERE customer_id = $1',
      [customerId],
    );
    return rows[0]?.count ?? 0;
  }

  /** The customer's answers, purchases and leads, newest first. */
  async facts(manager: EntityManager, customerId: string, limit: number): Promise<CustomerFactRecord[]> {
    const { rows } = await queryRows<{
      type: 'answer' | 'purchase' | 'lead';
      event_id: string;
      store_id: string;
      score: number | null;
      classification: string | null;
      comment: string | null;
      themes: string[] | null;
      quality: 'ok' | 'flagged' | null;
      order_id: string | null;
      amount_minor: string | null;
      currency: string | null;
      kind: string | null;
      occurred_at: Date;
    }>(
      manager,
      `(SELECT 'answer' AS type, event_id, store_id, score, classification, comment, themes, quality,
               NULL AS order_id, NULL::bigint AS amount_minor, NULL AS currency, NULL AS kind, occurred_at
          FROM survey_answers WHERE customer_id = $1)
       UNION ALL
       (SELECT 'purchase', event_id, store_id, NULL, NULL, NULL, NULL, NULL, order_id, amount_minor, currency, NULL, occurred_at
          FROM purchases WHERE customer_id = $1)
       UNION ALL
       (SELECT 'lead', event_id, store_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, kind, occurred_at
          FROM leads WHERE customer_id = $1)
       ORDER BY occurred_at DESC, event_id DESC
       LIMIT $2`,
      [customerId, limit],
    );
    return rows.map((row): CustomerFactRecord => {
      if (row.type === 'answer') {
        return {
          type: 'answer',
          eventId: row.event_id,
          storeId: row.store_id,
          score: row.score ?? 0,
          classification: row.classification ?? '',
          comment: row.comment,
          themes: row.themes ?? [],
          quality: row.quality ?? 'ok',
          occurredAt: row.occurred_at,
        };
      }
      if (row.type === 'purchase') {
        return {
          type: 'purchase',
          eventId: row.event_id,
          storeId: row.store_id,
          orderId: row.order_id ?? '',
          amountMinor: Number(row.amount_minor ?? 0),
          currency: row.currency ?? '',
          occurredAt: row.occurred_at,
        };
      }
      return {
        type: 'lead',
        eventId: row.event_id,
        storeId: row.store_id,
        kind: row.kind ?? '',
        occurredAt: row.occurred_at,
      };
    });
  }

  /** The customer's home store as the customer model last saw it, or the store they were last seen at. */
  async homeStore(manager: EntityManager, customerId: string): Promise<string | null> {
    const { rows } = await queryRows<{ store_id: string | null }>(
      manager,
      `SELECT coalesce(
         (SELECT home_store_id FROM customer_state WHERE customer_id = $1),
         (SELECT store_id FROM (
            SELECT store_id, occurred_at FROM survey_answers WHERE customer_id = $1
            UNION ALL SELECT store_id, occurred_at FROM purchases WHERE customer_id = $1
            UNION ALL SELECT store_id, occurred_at FROM leads WHERE customer_id = $1
          ) AS seen ORDER BY occurred_at DESC LIMIT 1)) AS store_id`,
      [customerId],
    );
    return rows[0]?.store_id ?? null;
  }

  /** Stores where the customer has answered or bought: what a store-scoped caller may see of them. */
  async storesOf(manager: EntityManager, customerId: string): Promise<string[]> {
    const { rows } = await queryRows<{ store_id: string }>(
      manager,
      `SELECT store_id FROM survey_answers WHERE customer_id = $1
       UNION SELECT store_id FROM purchases WHERE customer_id = $1
       UNION SELECT store_id FROM leads WHERE customer_id = $1`,
      [customerId],
    );
    return rows.map((row) => row.store_id);
  }
}
