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
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface CustomerTotals {
  lastScore: number | null;
  answerCount: number;
  purchaseCount: number;
  valueMinor: Record<string, number>;
}

export type CustomerFact =
  | {
      type: 'answer';
      eventId: string;
      storeId: string;
      score: number;
      classification: string;
      comment: string | null;
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
    };

@Injectable()
export class CustomerRepository {
  async find(manager: EntityManager, customerId: string): Promise<CustomerRecord | null> {
    const { rows } = await queryRows<{
      id: string;
      email: string | null;
      phone: string | null;
      name: string | null;
      locale: string | null;
      marketing_consent: boolean | null;
      first_seen_at: Date;
      last_seen_at: Date;
    }>(
      manager,
      `SELECT id, email, phone, name, locale, marketing_consent, first_seen_at, last_seen_at
         FROM customers WHERE id = $1`,
      [customerId],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          email: row.email,
          phone: row.phone,
          name: row.name,
          locale: row.locale,
          marketingConsent: row.marketing_consent,
          firstSeenAt: row.first_seen_at,
          lastSeenAt: row.last_seen_at,
        }
      : null;
  }

  async totals(manager: EntityManager, customerId: string): Promise<CustomerTotals> {
    const { rows } = await queryRows<{
      last_score: number | null;
      answer_count: number;
      purchase_count: number;
      value_minor: Record<string, string> | null;
    }>(
      manager,
      `SELECT (SELECT score FROM survey_answers WHERE customer_id = $1 ORDER BY occurred_at DESC, event_id DESC LIMIT 1)
                AS last_score,
              (SELECT count(*)::int FROM survey_answers WHERE customer_id = $1) AS answer_count,
              (SELECT count(*)::int FROM purchases WHERE customer_id = $1) AS purchase_count,
              (SELECT jsonb_object_agg(currency, total::text)
                 FROM (SELECT currency, sum(amount_minor) AS total FROM purchases WHERE customer_id = $1 GROUP BY currency) t)
                AS value_minor`,
      [customerId],
    );
    const row = rows[0]!;
    return {
      lastScore: row.last_score,
      answerCount: row.answer_count,
      purchaseCount: row.purchase_count,
      valueMinor: Object.fromEntries(
        Object.entries(row.value_minor ?? {}).map(([currency, total]) => [currency, Number(total)]),
      ),
    };
  }

  /** The customer's answers and purchases, newest first. */
  async facts(manager: EntityManager, customerId: string, limit: number): Promise<CustomerFact[]> {
    const { rows } = await queryRows<{
      type: 'answer' | 'purchase';
      event_id: string;
      store_id: string;
      score: number | null;
      classification: string | null;
      comment: string | null;
      order_id: string | null;
      amount_minor: string | null;
      currency: string | null;
      occurred_at: Date;
    }>(
      manager,
      `(SELECT 'answer' AS type, event_id, store_id, score, classification, comment, NULL AS order_id,
               NULL::bigint AS amount_minor, NULL AS currency, occurred_at
          FROM survey_answers WHERE customer_id = $1)
       UNION ALL
       (SELECT 'purchase', event_id, store_id, NULL, NULL, NULL, order_id, amount_minor, currency, occurred_at
          FROM purchases WHERE customer_id = $1)
       ORDER BY occurred_at DESC, event_id DESC
       LIMIT $2`,
      [customerId, limit],
    );
    return rows.map((row): CustomerFact =>
      row.type === 'answer'
        ? {
            type: 'answer',
            eventId: row.event_id,
            storeId: row.store_id,
            score: row.score ?? 0,
            classification: row.classification ?? '',
            comment: row.comment,
            occurredAt: row.occurred_at,
          }
        : {
            type: 'purchase',
            eventId: row.event_id,
            storeId: row.store_id,
            orderId: row.order_id ?? '',
            amountMinor: Number(row.amount_minor ?? 0),
            currency: row.currency ?? '',
            occurredAt: row.occurred_at,
          },
    );
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
