import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';
import { purchaseCategories } from './cross-sell-rule.repository.js';

export interface CrossSellOfferRecord {
  id: string;
  customerId: string;
  storeId: string;
  antecedent: string;
  category: string;
  learningId: string;
  confidence: number;
  lift: number;
  periodStart: Date;
  rewardId: string;
  notificationKey: string;
  offeredAt: Date;
  expiresAt: Date;
  convertedAt: Date | null;
  convertingPurchaseEventId: string | null;
}

/** A Client or Advocate who may hear from Ladder: consenting, subscribed, with an e-mail address. */
export interface OfferRecipient {
  customerId: string;
  stage: string;
  homeStoreId: string | null;
  email: string;
  name: string | null;
  locale: string | null;
}

/** What the offer rule needs of each customer of a page. */
export interface OfferFacts {
  bought: Map<string, string[]>;
  boughtRecently: Map<string, string[]>;
  offeredRecently: Map<string, string[]>;
  withOpenCase: Set<string>;
}

/** Clients and Advocates who can be sent marketing at all: consenting, subscribed, with an address. */
const RECIPIENTS = `customer_state s JOIN customers c ON c.id = s.customer_id
  WHERE s.stage IN ('client', 'advocate')
    AND c.marketing_consent IS TRUE AND c.unsubscribed_at IS NULL AND c.email IS NOT NULL`;

const COLUMNS = `id, customer_id AS "customerId", store_id AS "storeId", antecedent, category,
  learning_id AS "learningId", confidence, lift, period_start AS "periodStart", reward_id AS "rewardId",
  notification_key AS "notificationKey", offered_at AS "offeredAt", expires_at AS "expiresAt",
  converted_at AS "convertedAt", converting_purchase_event_id AS "convertingPurchaseEventId"`;

/** The statuses of a case still being worked (the `follow_up_cases_one_active_idx` predicate). */
const OPEN_CASE = `status IN ('open', 'claimed', 'contact-attempted', 'contacted')`;

/** Cross-sell offers (`cross_sell_offers`): who was offered what, and the purchase that converted it. */
@Injectable()
export class CrossSellOfferRepository {
  /**
   * A page of Clients and Advocates, by id after `after`, who can be sent marketing at all (the contact
   * gate still decides each one, under the customer's lock).
   */
  async recipientsAfter(manager: EntityManager, after: string, limit: number): Promise<OfferRecipient[]> {
    const { rows } = await queryRows<OfferRecipient>(
      manager,
      `SELECT s.customer_id AS "customerId", s.stage, s.home_store_id AS "homeStoreId",
              c.email, c.name, c.locale
         FROM ${RECIPIENTS} AND s.customer_id > $1
        ORDER BY s.customer_id LIMIT $2`,
      [after, limit],
    );
    return rows;
  }

  /** How many recipients `recipientsAfter` pages through, for the sweep's progress. */
  async countRecipients(manager: EntityManager): Promise<number> {
    const { rows } = await queryRows<{ count: number }>(
      manager,
      `SELECT count(*)::int AS count FROM ${RECIPIENTS}`,
    );
    return rows[0]?.count ?? 0;
  }

  /** For a page of customers: what they bought (in the window and recently), were offered, and open cases. */
  async factsOf(
    manager: EntityManager,
    customerIds: string[],
    since: { bought: Date; boughtRecently: Date; offered: Date },
  ): Promise<OfferFacts> {
    const earliest = since.bought < since.boughtRecently ? since.bought : since.boughtRecently;
    const purchases = await queryRows<{ customerId: string; category: string; lastAt: Date }>(
      manager,
      `SELECT customer_id AS "customerId", category, max(occurred_at) AS "lastAt"
         FROM (${purchaseCategories('p.customer_id = ANY($1::text[]) AND p.occurred_at >= $2')}) bought
        GROUP BY customer_id, category ORDER BY customer_id, category`,
      [customerIds, earliest],
    );
    const offers = await queryRows<{ customerId: string; category: string }>(
      manager,
      `SELECT DISTINCT customer_id AS "customerId", category FROM cross_sell_offers
        WHERE customer_id = ANY($1::text[]) AND offered_at > $2`,
      [customerIds, since.offered],
    );
    const cases = await queryRows<{ customerId: string }>(
      manager,
      `SELECT DISTINCT customer_id AS "customerId" FROM follow_up_cases
        WHERE customer_id = ANY($1::text[]) AND ${OPEN_CASE}`,
      [customerIds],
    );
    const facts: OfferFacts = {
      bought: new Map(),
      boughtRecently: new Map(),
      offeredRecently: new Map(),
      withOpenCase: new Set(cases.rows.map((row) => row.customerId)),
    };
    const add = (map: Map<string, string[]>, customerId: string, category: string) =>
      map.set(customerId, [...(map.get(customerId) ?? []), category]);
    for (const { customerId, category, lastAt } of purchases.rows) {
      if (lastAt >= since.bought) add(facts.bought, customerId, category);
      if (lastAt >= since.boughtRecently) add(facts.boughtRecently, customerId, category);
    }
    for (const { customerId, category } of offers.rows) add(facts.offeredRecently, customerId, category);
    return facts;
  }

  /** When each of these customers was last offered anything. */
  async lastOfferAt(manager: EntityManager, customerIds: string[]): Promise<Map<string, Date>> {
    const { rows } = await queryRows<{ customerId: string; at: Date }>(
      manager,
      `SELECT customer_id AS "customerId", max(offered_at) AS at FROM cross_sell_offers
        WHERE customer_id = ANY($1::text[]) GROUP BY customer_id`,
      [customerIds],
    );
    return new Map(rows.map((row) => [row.customerId, row.at]));
  }

  /** Records an offer unless the customer has one for the category in this period: null then. */
  async tryInsert(
    manager: EntityManager,
    offer: Omit<CrossSellOfferRecord, 'id' | 'convertedAt' | 'convertingPurchaseEventId'>,
  ): Promise<CrossSellOfferRecord | null> {
    const { rows } = await queryRows<CrossSellOfferRecord>(
      manager,
      `INSERT INTO cross_sell_offers (customer_id, store_id, antecedent, category, learning_id, confidence, lift,
              period_start, reward_id, notification_key, offered_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT cross_sell_offers_once_key DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        offer.customerId,
        offer.storeId,
        offer.antecedent,
        offer.category,
        offer.learningId,
        offer.confidence,
        offer.lift,
        offer.periodStart,
        offer.rewardId,
        offer.notificationKey,
        offer.offeredAt,
        offer.expiresAt,
      ],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager, id: string): Promise<CrossSellOfferRecord | null> {
    const { rows } = await queryRows<CrossSellOfferRecord>(
      manager,
      `SELECT ${COLUMNS} FROM cross_sell_offers WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByPeriod(
    manager: EntityManager,
    key: { customerId: string; category: string; periodStart: Date },
  ): Promise<CrossSellOfferRecord | null> {
    const { rows } = await queryRows<CrossSellOfferRecord>(
      manager,
      `SELECT ${COLUMNS} FROM cross_sell_offers WHERE customer_id = $1 AND category = $2 AND period_start = $3`,
      [key.customerId, key.category, key.periodStart],
    );
    return rows[0] ?? null;
  }

  /**
   * Converts the open offers of these customers that a stored purchase of the offered category made after the
   * offer and by its expiry (the earliest such purchase), once: a converted offer is never touched again.
   */
  async convert(
    manager: EntityManager,
    customerIds: string[],
  ): Promise<Array<{ id: string; customerId: string; purchaseEventId: string }>> {
    if (customerIds.length === 0) return [];
    const { rows } = await queryRows<{ id: string; customerId: string; purchaseEventId: string }>(
      manager,
      `UPDATE cross_sell_offers o
          SET converted_at = hit.occurred_at, converting_purchase_event_id = hit.event_id
         FROM (
           SELECT DISTINCT ON (offer.id) offer.id, bought.event_id, bought.occurred_at
             FROM cross_sell_offers offer
             JOIN (${purchaseCategories(
               `p.customer_id = ANY($1::text[]) AND EXISTS (
                  SELECT 1 FROM cross_sell_offers waiting
                   WHERE waiting.customer_id = p.customer_id AND waiting.converted_at IS NULL
                     AND p.occurred_at > waiting.offered_at)`,
             )}) bought
               ON bought.customer_id = offer.customer_id AND bought.category = offer.category
              AND bought.occurred_at > offer.offered_at AND bought.occurred_at <= offer.expires_at
            WHERE offer.customer_id = ANY($1::text[]) AND offer.converted_at IS NULL
            ORDER BY offer.id, bought.occurred_at, bought.event_id
         ) hit
        WHERE o.id = hit.id AND o.converted_at IS NULL
        RETURNING o.id, o.customer_id AS "customerId", o.converting_purchase_event_id AS "purchaseEventId"`,
      [[...new Set(customerIds)].sort()],
    );
    return rows;
  }

  /** Offers made and converted per rule (antecedent → category), within the caller's stores and the period. */
  async perRule(
    manager: EntityManager,
    filter: { storeId?: string; from?: Date; to?: Date },
    scope: CaseScope,
  ): Promise<Array<{ antecedent: string; consequent: string; made: number; converted: number }>> {
    const conditions = new SqlConditions();
    conditions.inScope('store_id', scope);
    if (filter.storeId) conditions.add((id) => `store_id = ${id}`, filter.storeId);
    if (filter.from) conditions.add((from) => `offered_at >= ${from}`, filter.from);
    if (filter.to) conditions.add((to) => `offered_at < ${to}`, filter.to);
    const { rows } = await queryRows<{
      antecedent: string;
      consequent: string;
      made: number;
      converted: number;
    }>(
      manager,
      `SELECT antecedent, category AS consequent, count(*)::int AS made, count(converted_at)::int AS converted
         FROM cross_sell_offers ${conditions.where()}
        GROUP BY antecedent, category ORDER BY antecedent, category`,
      conditions.parameters,
    );
    return rows;
  }
}
