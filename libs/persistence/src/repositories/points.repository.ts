import type { PointsEntryKind } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

export interface PointsEntryRecord {
  id: string;
  customerId: string;
  storeId: string;
  kind: PointsEntryKind;
  reason: string;
  points: number;
  occurredAt: Date;
  expiresAt: Date | null;
  lotId: string | null;
  sourceId: string | null;
  detail: string | null;
}

export type NewPointsEntry = Omit<PointsEntryRecord, 'id'>;

/** A member as the points ledger needs them: their store and the tier they hold. */
export interface PointsMember {
  customerId: string;
  storeId: string;
  joinedAt: Date;
  tier: string | null;
  tierSince: Date | null;
}

const COLUMNS = `id, customer_id AS "customerId", store_id AS "storeId", kind, reason, points,
  occurred_at AS "occurredAt", expires_at AS "expiresAt", lot_id AS "lotId", source_id AS "sourceId", detail`;

const MEMBER_COLUMNS = `customer_id AS "customerId", store_id AS "storeId", joined_at AS "joinedAt", tier,
  tier_since AS "tierSince"`;

/** What counts towards a tier: points earned in the window, less what refunds took back. */
const TIER_KINDS = `('purchase', 'survey', 'referral', 'reversed')`;

/** The points ledger and each member's tier. */
@Injectable()
export class PointsRepository {
  /** The member, locked: one change to their points at a time. Null for a customer who is not a member. */
  async lockMember(manager: EntityManager, customerId: string): Promise<PointsMember | null> {
    const { rows } = await queryRows<PointsMember>(
      manager,
      `SELECT ${MEMBER_COLUMNS} FROM loyalty_members WHERE customer_id = $1 FOR UPDATE`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  async findMember(manager: EntityManager, customerId: string): Promise<PointsMember | null> {
    const { rows } = await queryRows<PointsMember>(
      manager,
      `SELECT ${MEMBER_COLUMNS} FROM loyalty_members WHERE customer_id = $1`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  /** The tier of each of these customers who is a member (null before their first tier). */
  async tiersOf(manager: EntityManager, customerIds: readonly string[]): Promise<Map<string, string | null>> {
    if (customerIds.length === 0) return new Map();
    const { rows } = await queryRows<{ customer_id: string; tier: string | null }>(
      manager,
      'SELECT customer_id, tier FROM loyalty_members WHERE customer_id = ANY($1::text[])',
      [customerIds],
    );
    return new Map(rows.map((row) => [row.customer_id, row.tier]));
  }

  /** Which of these customers are members: ingest asks once per batch whose purchases earn points. */
  async membersAmong(manager: EntityManager, customerIds: string[]): Promise<Set<string>> {
    if (customerIds.length === 0) return new Set();
    const { rows } = await queryRows<{ customer_id: string }>(
      manager,
      'SELECT customer_id FROM loyalty_members WHERE customer_id = ANY($1::text[])',
      [customerIds],
    );
    return new Set(rows.map((row) => row.customer_id));
  }

  /** The member's whole ledger, oldest first. */
  async entries(manager: EntityManager, customerId: string): Promise<PointsEntryRecord[]> {
    const { rows } = await queryRows<PointsEntryRecord>(
      manager,
      `SELECT ${COLUMNS} FROM points_entries WHERE customer_id = $1 ORDER BY occurred_at, id`,
      [customerId],
    );
    return rows;
  }

  /** Writes the entries whose reason is new for their customer; answers those written. */
  async insert(manager: EntityManager, entries: NewPointsEntry[]): Promise<PointsEntryRecord[]> {
    if (entries.length === 0) return [];
    return unnestInsert<NewPointsEntry, PointsEntryRecord>(manager, {
      table: 'points_entries',
      columns: [
        { name: 'customer_id', type: 'text', value: (entry) => entry.customerId },
        { name: 'store_id', type: 'text', value: (entry) => entry.storeId },
        { name: 'kind', type: 'text', value: (entry) => entry.kind },
        { name: 'reason', type: 'text', value: (entry) => entry.reason },
        { name: 'points', type: 'integer', value: (entry) => entry.points },
        { name: 'occurred_at', type: 'timestamptz', value: (entry) => entry.occurredAt },
        { name: 'expires_at', type: 'timestamptz', value: (entry) => entry.expiresAt },
        { name: 'lot_id', type: 'uuid', value: (entry) => entry.lotId },
        { name: 'source_id', type: 'text', value: (entry) => entry.sourceId },
        { name: 'detail', type: 'text', value: (entry) => entry.detail },
      ],
      rows: entries,
      tail: `ON CONFLICT (customer_id, reason) DO NOTHING RETURNING ${COLUMNS}`,
    });
  }

  async findByReason(
    manager: EntityManager,
    customerId: string,
    reason: string,
  ): Promise<PointsEntryRecord | null> {
    const { rows } = await queryRows<PointsEntryRecord>(
      manager,
      `SELECT ${COLUMNS} FROM points_entries WHERE customer_id = $1 AND reason = $2`,
      [customerId, reason],
    );
    return rows[0] ?? null;
  }

  /** The entries that came from one source (a purchase, a refunded purchase, a voucher). */
  async bySource(manager: EntityManager, customerId: string, sourceId: string): Promise<PointsEntryRecord[]> {
    const { rows } = await queryRows<PointsEntryRecord>(
      manager,
      `SELECT ${COLUMNS} FROM points_entries WHERE customer_id = $1 AND source_id = $2 ORDER BY occurred_at, id`,
      [customerId, sourceId],
    );
    return rows;
  }

  /** Points towards a tier: earned since `since`, less refunds' reversals since then. */
  async tierPoints(manager: EntityManager, customerId: string, since: Date): Promise<number> {
    const { rows } = await queryRows<{ points: number }>(
      manager,
      `SELECT coalesce(sum(points), 0)::int AS points FROM points_entries
        WHERE customer_id = $1 AND occurred_at > $2 AND kind IN ${TIER_KINDS}`,
      [customerId, since],
    );
    return Math.max(0, rows[0]?.points ?? 0);
  }

  async setTier(manager: EntityManager, customerId: string, tier: string | null, at: Date): Promise<void> {
    await manager.query('UPDATE loyalty_members SET tier = $2, tier_since = $3 WHERE customer_id = $1', [
      customerId,
      tier,
      at,
    ]);
  }

  /**
   * A page of members (keyset on customer id) with their tier, their points towards a tier, and whether a
   * lot of theirs ran out in the last week with no expiry entry: the sweep acts on those whose tier moves or
   * who have such a lot. (A lot spent to nothing gets no entry; the week bounds how long it is looked at.
   * A lot the sweep missed still cannot be spent, and its entry is written at the member's next change.)
   */
  async membersToReview(
    manager: EntityManager,
    options: { since: Date; now: Date; after: string | null; limit: number },
  ): Promise<Array<{ customerId: string; tier: string | null; tierPoints: number; hasExpired: boolean }>> {
    const { rows } = await queryRows<{
      customerId: string;
      tier: string | null;
      tierPoints: number;
      hasExpired: boolean;
    }>(
      manager,
      `SELECT m.customer_id AS "customerId", m.tier,
              greatest(0, coalesce((SELECT sum(e.points) FROM points_entries e
                 WHERE e.customer_id = m.customer_id AND e.occurred_at > $1 AND e.kind IN ${TIER_KINDS}), 0))::int
                AS "tierPoints",
              EXISTS (SELECT 1 FROM points_entries lot
                 WHERE lot.customer_id = m.customer_id AND lot.expires_at <= $2
                   AND lot.expires_at > $2::timestamptz - interval '7 days'
                   AND NOT EXISTS (SELECT 1 FROM points_entries closed
                         WHERE closed.customer_id = lot.customer_id AND closed.lot_id = lot.id)) AS "hasExpired"
         FROM loyalty_members m
        WHERE ($3::text IS NULL OR m.customer_id > $3)
        ORDER BY m.customer_id LIMIT $4`,
      [options.since, options.now, options.after, options.limit],
    );
    return rows;
  }

  /**
   * Members' recent purchases that earn points, answers that earn the bonus, and refunds of purchases that
   * earned, none of them in the ledger yet: their jobs were lost. `amountPerPoint` is Ladder's default, for
   * stores without their own rule.
   */
  async undecided(
    manager: EntityManager,
    window: { since: Date; before: Date },
    options: { amountPerPoint: number; answers: boolean; limit: number },
  ): Promise<{ purchases: string[]; answers: string[]; refunds: string[] }> {
    const parameters = [window.since, window.before, options.limit];
    const [purchases, answers, refunds] = await Promise.all([
      queryRows<{ id: string }>(
        manager,
        `SELECT p.event_id AS id FROM purchases p
           JOIN loyalty_members m ON m.customer_id = p.customer_id AND p.occurred_at >= m.joined_at
           LEFT JOIN stores s ON s.id = p.store_id
          WHERE p.received_at >= $1 AND p.received_at < $2
            AND p.amount_minor >= coalesce((s.points_rule->>'amountPerPoint')::bigint, $4)
            AND NOT EXISTS (SELECT 1 FROM points_entries e
                             WHERE e.customer_id = p.customer_id AND e.reason = 'purchase:' || p.event_id)
          ORDER BY p.received_at LIMIT $3`,
        [...parameters, options.amountPerPoint],
      ),
      options.answers
        ? queryRows<{ id: string }>(
            manager,
            `SELECT a.event_id AS id FROM survey_answers a
               JOIN loyalty_members m ON m.customer_id = a.customer_id AND a.occurred_at >= m.joined_at
              WHERE a.received_at >= $1 AND a.received_at < $2 AND a.quality IS DISTINCT FROM 'flagged'
                AND NOT EXISTS (SELECT 1 FROM points_entries e
                                 WHERE e.customer_id = a.customer_id AND e.reason = 'survey:' || a.event_id)
              ORDER BY a.received_at LIMIT $3`,
            parameters,
          )
        : { rows: [] },
      queryRows<{ id: string }>(
        manager,
        `SELECT r.event_id AS id FROM refunds r
          WHERE r.received_at >= $1 AND r.received_at < $2
            AND EXISTS (SELECT 1 FROM points_entries earned
                         WHERE earned.customer_id = r.customer_id AND earned.reason = 'purchase:' || r.refund_of)
            AND NOT EXISTS (SELECT 1 FROM points_entries e
                             WHERE e.customer_id = r.customer_id AND e.reason = 'refund:' || r.event_id)
          ORDER BY r.received_at LIMIT $3`,
        parameters,
      ),
    ]);
    const ids = (result: { rows: Array<{ id: string }> }) => result.rows.map((row) => row.id);
    return { purchases: ids(purchases), answers: ids(answers), refunds: ids(refunds) };
  }
}
