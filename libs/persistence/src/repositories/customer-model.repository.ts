import type { ContactKind, CustomerFact, RfmBoundaries, Stage } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export interface StoredCustomerState {
  customerId: string;
  stage: Stage | null;
  movesUntil: Date | null;
  churnLevel: 'none' | 'watch' | 'high';
  churnReasons: unknown[];
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
}

export interface ContactHistoryRecord {
  marketingConsent: boolean | null;
  unsubscribedAt: Date | null;
  contacts: Array<{ at: Date; kind: ContactKind }>;
}

export type CustomerEventType =
  | 'stage-changed'
  | 'churn-risk-changed'
  | 'loyalty-joined'
  | 'referral-converted'
  | 'reward-issued'
  | 'unsubscribed';

export interface CustomerEventRow {
  customerId: string;
  type: CustomerEventType;
  fromStage: string | null;
  toStage: string | null;
  homeStoreId: string | null;
  details: Record<string, unknown>;
  effectiveAt: Date;
}

export interface StoredCustomerEvent extends CustomerEventRow {
  id: string;
  recordedAt: Date;
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
];

/** The queries of the customer model: facts in, derived state and history out. */
@Injectable()
export class CustomerModelRepository {
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
    }>(
      manager,
      `SELECT customer_id, stage, moves_until, churn_level, churn_reasons FROM customer_state
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
        },
      ]),
    );
  }

  /** Every fact of the customers, one query per kind. */
  async loadFacts(manager: EntityManager, customerIds: string[]): Promise<Map<string, CustomerFact[]>> {
    const facts = new Map<string, CustomerFact[]>(customerIds.map((id) => [id, []]));
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
         FROM purchases WHERE customer_id = ANY($1::text[])`,
      [customerIds],
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
      `SELECT customer_id, event_id, occurred_at, store_id, score FROM survey_answers WHERE customer_id = ANY($1::text[])`,
      [customerIds],
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
      `SELECT referrer_id, id::text AS id, decided_at, store_id FROM referrals
        WHERE referrer_id = ANY($1::text[]) AND status = 'rewarded'`,
      [customerIds],
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
      `SELECT customer_id, event_id, occurred_at, store_id, kind FROM leads WHERE customer_id = ANY($1::text[])`,
      [customerIds],
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

  async insertEvents(manager: EntityManager, events: CustomerEventRow[]): Promise<StoredCustomerEvent[]> {
    const rows = await unnestInsert<CustomerEventRow, { id: string; recorded_at: Date }>(manager, {
      table: 'customer_events',
      columns: [
        { name: 'customer_id', type: 'text', value: (event) => event.customerId },
        { name: 'type', type: 'text', value: (event) => event.type },
        { name: 'from_stage', type: 'text', value: (event) => event.fromStage },
        { name: 'to_stage', type: 'text', value: (event) => event.toStage },
        { name: 'home_store_id', type: 'text', value: (event) => event.homeStoreId },
        { name: 'details', type: 'jsonb', value: (event) => JSON.stringify(event.details) },
        { name: 'effective_at', type: 'timestamptz', value: (event) => event.effectiveAt },
      ],
      rows: events,
      tail: 'RETURNING id::text AS id, recorded_at',
    });
    // unnest keeps the order of its arrays, and RETURNING the order of the rows inserted.
    return events.map((event, index) => ({
      ...event,
      id: rows[index]!.id,
      recordedAt: rows[index]!.recorded_at,
    }));
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

  async loadBoundaries(manager: EntityManager): Promise<RfmBoundaries & { computedAt: Date | null }> {
    const { rows } = await queryRows<{
      dimension: string;
      currency: string;
      boundaries: number[];
      computed_at: Date;
    }>(manager, 'SELECT dimension, currency, boundaries, computed_at FROM rfm_boundaries');
    const boundaries: RfmBoundaries & { computedAt: Date | null } = {
      recencyDays: [],
      frequency: [],
      monetary: {},
      computedAt: null,
    };
    for (const row of rows) {
      if (row.dimension === 'recency') boundaries.recencyDays = row.boundaries;
      else if (row.dimension === 'frequency') boundaries.frequency = row.boundaries;
      else boundaries.monetary[row.currency] = row.boundaries;
      if (!boundaries.computedAt || row.computed_at > boundaries.computedAt)
        boundaries.computedAt = row.computed_at;
    }
    return boundaries;
  }

  /**
   * Recomputes the quintile boundaries from every customer's stored metrics: recency as of `now`,
   * frequency and spend within the RFM window as last derived. Nearest-rank percentiles, like the domain's.
   */
  async recomputeBoundaries(manager: EntityManager, now: Date): Promise<void> {
    await queryRows(manager, 'DELETE FROM rfm_boundaries');
    const percentiles = `percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]::double precision[]) WITHIN GROUP (ORDER BY`;
    await queryRows(
      manager,
      `INSERT INTO rfm_boundaries (dimension, currency, boundaries, customers, computed_at)
       SELECT 'recency', '', ${percentiles} floor(extract(epoch FROM ($1::timestamptz - last_purchase_at)) / 86400)), count(*), $1
         FROM customer_state WHERE last_purchase_at IS NOT NULL AND rfm_frequency IS NOT NULL HAVING count(*) > 0
       UNION ALL
       SELECT 'frequency', '', ${percentiles} rfm_frequency::double precision), count(*), $1
         FROM customer_state WHERE rfm_frequency IS NOT NULL HAVING count(*) > 0
       UNION ALL
       SELECT 'monetary', rfm_currency, ${percentiles} rfm_monetary_minor::double precision), count(*), $1
         FROM customer_state WHERE rfm_currency IS NOT NULL GROUP BY rfm_currency`,
      [now],
    );
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

  /** Ladder moves between two instants, counted per from → to. */
  async moveCounts(
    manager: EntityManager,
    storeId: string | null,
    from: Date | null,
    to: Date | null,
  ): Promise<Array<{ from: string | null; to: string; moves: number }>> {
    const { rows } = await queryRows<{ from_stage: string | null; to_stage: string; moves: number }>(
      manager,
      `SELECT from_stage, to_stage, count(*)::int AS moves FROM customer_events
        WHERE type = 'stage-changed' AND ($1::text IS NULL OR home_store_id = $1)
          AND ($2::timestamptz IS NULL OR effective_at >= $2) AND ($3::timestamptz IS NULL OR effective_at < $3)
        GROUP BY from_stage, to_stage ORDER BY 3 DESC, 1, 2`,
      [storeId, from, to],
    );
    return rows.map((row) => ({ from: row.from_stage, to: row.to_stage, moves: row.moves }));
  }

  async eventsOf(manager: EntityManager, customerId: string, limit: number): Promise<StoredCustomerEvent[]> {
    const { rows } = await queryRows<{
      id: string;
      customer_id: string;
      type: CustomerEventType;
      from_stage: string | null;
      to_stage: string | null;
      home_store_id: string | null;
      details: Record<string, unknown>;
      effective_at: Date;
      recorded_at: Date;
    }>(
      manager,
      `SELECT id::text AS id, customer_id, type, from_stage, to_stage, home_store_id, details, effective_at, recorded_at
         FROM customer_events WHERE customer_id = $1 ORDER BY id DESC LIMIT $2`,
      [customerId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      type: row.type,
      fromStage: row.from_stage,
      toStage: row.to_stage,
      homeStoreId: row.home_store_id,
      details: row.details,
      effectiveAt: row.effective_at,
      recordedAt: row.recorded_at,
    }));
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
      updatedAt: row.updated_at as Date,
    };
  }

  /** Locks the customer for a contact decision and returns what the budget needs to know. */
  lockContactHistory(manager: EntityManager, customerId: string): Promise<ContactHistoryRecord | null> {
    return this.readContactHistory(manager, customerId, 'FOR UPDATE');
  }

  contactHistory(manager: EntityManager, customerId: string): Promise<ContactHistoryRecord | null> {
    return this.readContactHistory(manager, customerId, '');
  }

  async hasContact(manager: EntityManager, notificationKey: string): Promise<boolean> {
    const { rows } = await queryRows(manager, 'SELECT 1 FROM customer_contacts WHERE notification_key = $1', [
      notificationKey,
    ]);
    return rows.length > 0;
  }

  private async readContactHistory(
    manager: EntityManager,
    customerId: string,
    lock: 'FOR UPDATE' | '',
  ): Promise<ContactHistoryRecord | null> {
    const customer = await queryRows<{ marketing_consent: boolean | null; unsubscribed_at: Date | null }>(
      manager,
      `SELECT marketing_consent, unsubscribed_at FROM customers WHERE id = $1 ${lock}`,
      [customerId],
    );
    const row = customer.rows[0];
    if (!row) return null;
    const contacts = await queryRows<{ at: Date; kind: ContactKind }>(
      manager,
      'SELECT at, kind FROM customer_contacts WHERE customer_id = $1 ORDER BY at',
      [customerId],
    );
    return {
      marketingConsent: row.marketing_consent,
      unsubscribedAt: row.unsubscribed_at,
      contacts: contacts.rows,
    };
  }

  /** Records a decided contact; the notification key makes a repeat record nothing. */
  async recordContact(
    manager: EntityManager,
    contact: { customerId: string; kind: ContactKind; purpose: string; notificationKey: string; at: Date },
  ): Promise<void> {
    await queryRows(
      manager,
      `INSERT INTO customer_contacts (customer_id, kind, purpose, notification_key, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT customer_contacts_notification_key DO NOTHING`,
      [contact.customerId, contact.kind, contact.purpose, contact.notificationKey, contact.at],
    );
  }
}
