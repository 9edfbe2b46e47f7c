import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export type CustomerEventType =
  | 'stage-changed'
  | 'churn-risk-changed'
  | 'loyalty-joined'
  | 'referral-converted'
  | 'reward-issued'
  | 'unsubscribed'
  | 'tier-changed';

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

/** The customer's history of moves and promoter-loop events (`customer_events`). */
@Injectable()
export class CustomerEventRepository {
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
}
