import type { CustomerList, CustomerListCursor } from '#contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case-record.js';

export interface CustomerListFilter {
  /** Customers known at this store (their home store, or any fact of theirs there). */
  storeId: string | null;
  segment: string | null;
  /** The position of the last row of the previous page. */
  after: CustomerListCursor | null;
}

export interface CustomerListRow {
  customerId: string;
  name: string | null;
  homeStoreId: string | null;
  stage: string | null;
  segment: string;
  churnLevel: string;
  valueMinor: Record<string, number>;
  lastPurchaseAt: Date | null;
  lastScore: number | null;
  monetaryScore: number;
  monetaryMinor: string;
}

/** Which customers each list holds, from their derived state (docs/customer-model.md, Dashboard reports). */
const LIST_CONDITIONS: Record<CustomerList, string> = {
  'at-risk': `s.churn_level IN ('high', 'watch')`,
  champions: `s.segment = 'champions'`,
  'promoters-not-in-club': `s.last_score >= 9
    AND NOT EXISTS (SELECT 1 FROM loyalty_members m WHERE m.customer_id = s.customer_id)`,
  // A Client (or Advocate) whom time alone dropped to Customer, who has not climbed back since: the fall
  // happened in their current stretch as a Customer (customer_events_lapse_idx).
  'lapsed-clients': `s.stage = 'customer' AND EXISTS (
    SELECT 1 FROM customer_events e
     WHERE e.customer_id = s.customer_id AND e.type = 'stage-changed'
       AND e.details->>'reason' = 'no-purchase-within-window' AND e.effective_at >= s.stage_since)`,
};

// The value order, most valuable first: the RFM monetary quintile (comparable across currencies), then the
// amount in the customer's main currency, then the id. Matches customer_state_value_idx.
const VALUE_KEY = 'coalesce(s.monetary_score, 0), coalesce(s.rfm_monetary_minor, 0), s.customer_id';

/** The manager's customer lists: keyset pages of customer_state in value order, within the caller's stores. */
@Injectable()
export class CustomerListRepository {
  async page(
    manager: EntityManager,
    list: CustomerList,
    filter: CustomerListFilter,
    scope: CaseScope,
    limit: number,
  ): Promise<CustomerListRow[]> {
    const conditions = listConditions(list, filter, scope);
    if (filter.after) {
      const { monetaryScore, monetaryMinor, customerId } = filter.after;
      conditions.add(
        (score, minor, id) => `(${VALUE_KEY}) < (${score}::int, ${minor}::bigint, ${id}::text)`,
        monetaryScore,
        monetaryMinor,
        customerId,
      );
    }
    const limitPlaceholder = conditions.parameter(limit);
    const { rows } = await queryRows<CustomerListRow>(
      manager,
      `SELECT s.customer_id AS "customerId", c.name, s.home_store_id AS "homeStoreId", s.stage, s.segment,
              s.churn_level AS "churnLevel", s.value_minor AS "valueMinor", s.last_purchase_at AS "lastPurchaseAt",
              s.last_score AS "lastScore", coalesce(s.monetary_score, 0)::int AS "monetaryScore",
              coalesce(s.rfm_monetary_minor, 0)::text AS "monetaryMinor"
         FROM customer_state s LEFT JOIN customers c ON c.id = s.customer_id
        ${conditions.where()}
        ORDER BY coalesce(s.monetary_score, 0) DESC, coalesce(s.rfm_monetary_minor, 0) DESC, s.customer_id DESC
        LIMIT ${limitPlaceholder}`,
      conditions.parameters,
    );
    return rows;
  }

  /** How many customers the list holds, counted up to `cap` (one more says it is longer). */
  async count(
    manager: EntityManager,
    list: CustomerList,
    filter: Omit<CustomerListFilter, 'after'>,
    scope: CaseScope,
    cap: number,
  ): Promise<number> {
    const conditions = listConditions(list, { ...filter, after: null }, scope);
    const limit = conditions.parameter(cap);
    const { rows } = await queryRows<{ customers: number }>(
      manager,
      `SELECT count(*)::int AS customers
         FROM (SELECT 1 FROM customer_state s ${conditions.where()} LIMIT ${limit}) AS listed`,
      conditions.parameters,
    );
    return rows[0]?.customers ?? 0;
  }
}

function listConditions(list: CustomerList, filter: CustomerListFilter, scope: CaseScope): SqlConditions {
  const conditions = new SqlConditions();
  conditions.add(() => LIST_CONDITIONS[list]);
  conditions.add(() => 's.stage IS NOT NULL');
  if (filter.segment) conditions.add((segment) => `s.segment = ${segment}`, filter.segment);
  if (filter.storeId) conditions.add((stores) => knownAt(stores), [filter.storeId]);
  if (scope.kind === 'stores') conditions.add((stores) => knownAt(stores), scope.storeIds);
  return conditions;
}

/**
 * A customer a store knows, as `GET /api/customers/:id` decides for a store-scoped caller: their home store
 * is one of `stores`, or a fact of theirs (an answer, a purchase, a lead) happened at one.
 */
function knownAt(stores: string): string {
  return `(s.home_store_id = ANY(${stores}::text[])
    OR EXISTS (SELECT 1 FROM survey_answers f WHERE f.customer_id = s.customer_id AND f.store_id = ANY(${stores}::text[]))
    OR EXISTS (SELECT 1 FROM purchases f WHERE f.customer_id = s.customer_id AND f.store_id = ANY(${stores}::text[]))
    OR EXISTS (SELECT 1 FROM leads f WHERE f.customer_id = s.customer_id AND f.store_id = ANY(${stores}::text[])))`;
}
