import type { CustomerTally, Stage } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export interface StoredCustomerState {
  customerId: string;
  stage: Stage | null;
  movesUntil: Date | null;
  churnLevel: 'none' | 'watch' | 'high';
  churnReasons: unknown[];
  /** What is kept of the customer's facts (null before the first derivation since it was introduced). */
  tally: CustomerTally | null;
  usualIntervalDays: number | null;
}

export interface CustomerStateRow {
  customerId: string;
  stage: Stage | null;
  stageSince: Date | null;
  movesUntil: Date | null;
  homeStoreId: string | null;
  valueMinor: Record<string, number>;
  purchaseCount: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  usualIntervalDays: number | null;
  lastScore: number | null;
  lastAnswerAt: Date | null;
  recencyScore: number | null;
  frequencyScore: number | null;
  monetaryScore: number | null;
  rfmFrequency: number | null;
  rfmMonetaryMinor: number | null;
  rfmCurrency: string | null;
  segment: string;
  churnLevel: string;
  churnReasons: unknown[];
  nextReviewAt: Date | null;
  tally: CustomerTally;
}

const ROW_COLUMNS: Array<{ name: string; type: string; value: (row: CustomerStateRow) => unknown }> = [
  { name: 'customer_id', type: 'text', value: (row) => row.customerId },
  { name: 'stage', type: 'text', value: (row) => row.stage },
  { name: 'stage_since', type: 'timestamptz', value: (row) => row.stageSince },
  { name: 'moves_until', type: 'timestamptz', value: (row) => row.movesUntil },
  { name: 'home_store_id', type: 'text', value: (row) => row.homeStoreId },
  { name: 'value_minor', type: 'jsonb', value: (row) => JSON.stringify(row.valueMinor) },
  { name: 'purchase_count', type: 'integer', value: (row) => row.purchaseCount },
  { name: 'first_purchase_at', type: 'timestamptz', value: (row) => row.firstPurchaseAt },
  { name: 'last_purchase_at', type: 'timestamptz', value: (row) => row.lastPurchaseAt },
  { name: 'usual_interval_days', type: 'double precision', value: (row) => row.usualIntervalDays },
  { name: 'last_score', type: 'smallint', value: (row) => row.lastScore },
  { name: 'last_answer_at', type: 'timestamptz', value: (row) => row.lastAnswerAt },
  { name: 'recency_score', type: 'smallint', value: (row) => row.recencyScore },
  { name: 'frequency_score', type: 'smallint', value: (row) => row.frequencyScore },
  { name: 'monetary_score', type: 'smallint', value: (row) => row.monetaryScore },
  { name: 'rfm_frequency', type: 'integer', value: (row) => row.rfmFrequency },
  { name: 'rfm_monetary_minor', type: 'bigint', value: (row) => row.rfmMonetaryMinor },
  { name: 'rfm_currency', type: 'text', value: (row) => row.rfmCurrency },
  { name: 'segment', type: 'text', value: (row) => row.segment },
  { name: 'churn_level', type: 'text', value: (row) => row.churnLevel },
  { name: 'churn_reasons', type: 'jsonb', value: (row) => JSON.stringify(row.churnReasons) },
  { name: 'next_review_at', type: 'timestamptz', value: (row) => row.nextReviewAt },
  { name: 'tally', type: 'jsonb', value: (row) => JSON.stringify(row.tally) },
];

/** Every customer's derived state (`customer_state`); the facts it comes from are `CustomerFactRepository`'s. */
@Injectable()
export class CustomerStateRepository {
  /**
   * Locks the customers' state rows for the transaction, creating empty ones for new customers first, so
   * that two transactions never derive the same customer's moves at once.
   */
  async lockStates(manager: EntityManager, customerIds: string[]): Promise<Map<string, StoredCustomerState>> {
    const ids = [...new Set(customerIds)].sort();
    await queryRows(
      manager,
      `INSERT INTO customer_state (customer_id, segment) SELECT id, 'prospect' FROM unnest($1::text[]) AS id
       ON CONFLICT (customer_id) DO NOTHING`,
      [ids],
    );
    const { rows } = await queryRows<{
      customer_id: string;
      stage: Stage | null;
      moves_until: Date | null;
      churn_level: 'none' | 'watch' | 'high';
      churn_reasons: unknown[];
      tally: CustomerTally | null;
      usual_interval_days: number | null;
    }>(
      manager,
      `SELECT customer_id, stage, moves_until, churn_level, churn_reasons, tally, usual_interval_days
         FROM customer_state
        WHERE customer_id = ANY($1::text[]) ORDER BY customer_id FOR UPDATE`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.customer_id,
        {
          customerId: row.customer_id,
          stage: row.stage,
          movesUntil: row.moves_until,
          churnLevel: row.churn_level,
          churnReasons: row.churn_reasons,
          tally: row.tally,
          usualIntervalDays: row.usual_interval_days,
        },
      ]),
    );
  }

  async saveStates(manager: EntityManager, rows: CustomerStateRow[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
    const assignments = ROW_COLUMNS.filter((column) => column.name !== 'customer_id')
      .map((column) => `${column.name} = v.${column.name}`)
      .join(', ');
    const arrays = ROW_COLUMNS.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
    await queryRows(
      manager,
      `UPDATE customer_state s SET ${assignments}, updated_at = now()
         FROM unnest(${arrays}) AS v(${ROW_COLUMNS.map((column) => column.name).join(', ')})
        WHERE s.customer_id = v.customer_id`,
      ROW_COLUMNS.map((column) => sorted.map((row) => column.value(row))),
    );
  }

  /** Customers whom time alone has moved: locked, so every replica's sweep takes different ones. */
  async claimDueForReview(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const { rows } = await queryRows<{ customer_id: string }>(
      manager,
      `SELECT customer_id FROM customer_state WHERE next_review_at <= $1
        ORDER BY next_review_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => row.customer_id);
  }

  async countDueForReview(manager: EntityManager, now: Date): Promise<number> {
    const { rows } = await queryRows<{ count: number }>(
      manager,
      'SELECT count(*)::int AS count FROM customer_state WHERE next_review_at <= $1',
      [now],
    );
    return rows[0]?.count ?? 0;
  }

  /** A page of every customer with facts, in id order, for a full recompute. */
  async customerIdsAfter(manager: EntityManager, after: string, limit: number): Promise<string[]> {
    const { rows } = await queryRows<{ customer_id: string }>(
      manager,
      `SELECT customer_id FROM customer_state WHERE customer_id > $1 ORDER BY customer_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => row.customer_id);
  }

  async countCustomers(manager: EntityManager): Promise<number> {
    const { rows } = await queryRows<{ count: number }>(
      manager,
      'SELECT count(*)::int AS count FROM customer_state',
    );
    return rows[0]?.count ?? 0;
  }

  async segmentCounts(
    manager: EntityManager,
    storeId: string | null,
  ): Promise<Array<{ segment: string; customers: number }>> {
    const { rows } = await queryRows<{ segment: string; customers: number }>(
      manager,
      `SELECT segment, count(*)::int AS customers FROM customer_state
        WHERE stage IS NOT NULL AND ($1::text IS NULL OR home_store_id = $1) GROUP BY segment ORDER BY segment`,
      [storeId],
    );
    return rows;
  }

  async stageCounts(
    manager: EntityManager,
    storeId: string | null,
  ): Promise<Array<{ stage: string; customers: number }>> {
    const { rows } = await queryRows<{ stage: string; customers: number }>(
      manager,
      `SELECT stage, count(*)::int AS customers FROM customer_state
        WHERE stage IS NOT NULL AND ($1::text IS NULL OR home_store_id = $1) GROUP BY stage`,
      [storeId],
    );
    return rows;
  }

  async findState(
    manager: EntityManager,
    customerId: string,
  ): Promise<(CustomerStateRow & { updatedAt: Date }) | null> {
    const { rows } = await queryRows<Record<string, unknown>>(
      manager,
      `SELECT ${ROW_COLUMNS.map((column) => column.name).join(', ')}, updated_at FROM customer_state WHERE customer_id = $1`,
      [customerId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      customerId: row.customer_id as string,
      stage: row.stage as Stage | null,
      stageSince: row.stage_since as Date | null,
      movesUntil: row.moves_until as Date | null,
      homeStoreId: row.home_store_id as string | null,
      valueMinor: row.value_minor as Record<string, number>,
      purchaseCount: row.purchase_count as number,
      firstPurchaseAt: row.first_purchase_at as Date | null,
      lastPurchaseAt: row.last_purchase_at as Date | null,
      usualIntervalDays: row.usual_interval_days as number | null,
      lastScore: row.last_score as number | null,
      lastAnswerAt: row.last_answer_at as Date | null,
      recencyScore: row.recency_score as number | null,
      frequencyScore: row.frequency_score as number | null,
      monetaryScore: row.monetary_score as number | null,
      rfmFrequency: row.rfm_frequency as number | null,
      rfmMonetaryMinor: row.rfm_monetary_minor === null ? null : Number(row.rfm_monetary_minor),
      rfmCurrency: row.rfm_currency as string | null,
      segment: row.segment as string,
      churnLevel: row.churn_level as string,
      churnReasons: row.churn_reasons as unknown[],
      nextReviewAt: row.next_review_at as Date | null,
      tally: row.tally as CustomerTally,
      updatedAt: row.updated_at as Date,
    };
  }
}
