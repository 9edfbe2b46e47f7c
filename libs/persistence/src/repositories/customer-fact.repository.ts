import { DAY_MS, type CustomerFact, type WindowSpend } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

/**
 * The facts the customer model derives a customer's state from (purchases, answers, leads and confirmed
 * referrals), and the figures PostgreSQL computes over them without sending the rows.
 */
@Injectable()
export class CustomerFactRepository {
  /**
   * The customers' facts from an instant on (all of them for a null one), one query per kind: a kept tally
   * reads only what came after the last fact it folded.
   */
  async loadFacts(
    manager: EntityManager,
    from: ReadonlyMap<string, Date | null>,
  ): Promise<Map<string, CustomerFact[]>> {
    const customerIds = [...from.keys()];
    const facts = new Map<string, CustomerFact[]>(customerIds.map((id) => [id, []]));
    if (customerIds.length === 0) return facts;
    const bounds = [customerIds, customerIds.map((id) => from.get(id) ?? null)];
    const bounded = (table: string, customerColumn: string, atColumn: string) =>
      `FROM ${table} f JOIN unnest($1::text[], $2::timestamptz[]) AS b(id, since)
         ON f.${customerColumn} = b.id AND (b.since IS NULL OR f.${atColumn} >= b.since)`;
    const add = (customerId: string, fact: CustomerFact) => facts.get(customerId)?.push(fact);
    const purchases = await queryRows<{
      customer_id: string;
      event_id: string;
      occurred_at: Date;
      store_id: string;
      amount_minor: string;
      currency: string;
      referral_code: string | null;
    }>(
      manager,
      `SELECT customer_id, event_id, occurred_at, store_id, amount_minor::text, currency, referral_code
         ${bounded('purchases', 'customer_id', 'occurred_at')}`,
      bounds,
    );
    for (const row of purchases.rows) {
      add(row.customer_id, {
        kind: 'purchase',
        id: row.event_id,
        at: row.occurred_at,
        storeId: row.store_id,
        amountMinor: Number(row.amount_minor),
        currency: row.currency,
        referred: row.referral_code !== null,
      });
    }
    const answers = await queryRows<{
      customer_id: string;
      event_id: string;
      occurred_at: Date;
      store_id: string;
      score: number;
    }>(
      manager,
      `SELECT customer_id, event_id, occurred_at, store_id, score ${bounded('survey_answers', 'customer_id', 'occurred_at')}`,
      bounds,
    );
    for (const row of answers.rows) {
      add(row.customer_id, {
        kind: 'answer',
        id: row.event_id,
        at: row.occurred_at,
        storeId: row.store_id,
        score: row.score,
      });
    }
    // A friend's purchase with this customer's code that was confirmed (cooled off clean, or approved).
    const referrals = await queryRows<{
      referrer_id: string;
      id: string;
      decided_at: Date;
      store_id: string;
    }>(
      manager,
      `SELECT referrer_id, f.id::text AS id, decided_at, store_id ${bounded('referrals', 'referrer_id', 'decided_at')}
        WHERE status = 'rewarded'`,
      bounds,
    );
    for (const row of referrals.rows) {
      add(row.referrer_id, {
        kind: 'referral-converted',
        id: row.id,
        at: row.decided_at,
        storeId: row.store_id,
      });
    }
    const leads = await queryRows<{
      customer_id: string;
      event_id: string;
      occurred_at: Date;
      store_id: string;
      kind: 'seen-ad' | 'showed-interest' | 'signed-up';
    }>(
      manager,
      `SELECT customer_id, event_id, occurred_at, store_id, kind ${bounded('leads', 'customer_id', 'occurred_at')}`,
      bounds,
    );
    for (const row of leads.rows) {
      add(row.customer_id, {
        kind: 'lead',
        id: row.event_id,
        at: row.occurred_at,
        storeId: row.store_id,
        leadKind: row.kind,
      });
    }
    return facts;
  }

  /**
   * The spend per currency within the RFM window before `now`, summed by PostgreSQL over the window's
   * purchases alone.
   */
  async windowSpend(
    manager: EntityManager,
    customerIds: string[],
    now: Date,
    windowMs: number,
  ): Promise<Map<string, WindowSpend[]>> {
    const spend = new Map<string, WindowSpend[]>(customerIds.map((id) => [id, []]));
    if (customerIds.length === 0) return spend;
    const { rows } = await queryRows<{
      customer_id: string;
      currency: string;
      count: number;
      amount_minor: string;
      last_at: Date;
    }>(
      manager,
      `SELECT customer_id, currency, count(*)::int AS count, sum(amount_minor)::text AS amount_minor,
              max(occurred_at) AS last_at
         FROM purchases
        WHERE customer_id = ANY($1::text[]) AND occurred_at >= $2 AND occurred_at <= $3
        GROUP BY customer_id, currency ORDER BY customer_id, currency COLLATE "C"`,
      [customerIds, new Date(now.getTime() - windowMs), now],
    );
    for (const row of rows) {
      spend.get(row.customer_id)?.push({
        currency: row.currency,
        count: row.count,
        amountMinor: Number(row.amount_minor),
        lastAt: row.last_at.getTime(),
      });
    }
    return spend;
  }

  /**
   * The middle gap between consecutive purchases up to `now`, in days, null under `minimumPurchases`:
   * PostgreSQL measures the gaps, only the median comes back.
   */
  async usualIntervals(
    manager: EntityManager,
    customerIds: string[],
    now: Date,
    minimumPurchases: number,
  ): Promise<Map<string, number | null>> {
    const intervals = new Map<string, number | null>(customerIds.map((id) => [id, null]));
    if (customerIds.length === 0) return intervals;
    const { rows } = await queryRows<{ customer_id: string; purchases: number; median_ms: number | null }>(
      manager,
      `SELECT customer_id, count(*)::int AS purchases,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_ms) AS median_ms
         FROM (SELECT customer_id,
                      (extract(epoch FROM occurred_at - lag(occurred_at)
                        OVER (PARTITION BY customer_id ORDER BY occurred_at)) * 1000)::float8 AS gap_ms
                 FROM purchases WHERE customer_id = ANY($1::text[]) AND occurred_at <= $2) AS gaps
        GROUP BY customer_id`,
      [customerIds, now],
    );
    for (const row of rows) {
      if (row.purchases >= minimumPurchases && row.median_ms !== null)
        intervals.set(row.customer_id, row.median_ms / DAY_MS);
    }
    return intervals;
  }
}
