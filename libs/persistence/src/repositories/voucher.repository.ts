import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RedemptionOutcome } from '../entities/voucher-redemption.entity.js';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';
import type { RewardKind } from './reward.repository.js';

export interface RedemptionRecord {
  purchaseEventId: string;
  voucherCode: string;
  customerId: string;
  storeId: string;
  rewardId: string | null;
  outcome: RedemptionOutcome;
  detail: string;
  decidedAt: Date;
  reversedAt: Date | null;
  reversedBy: string | null;
}

/** The reward a code belongs to, locked until the caller's transaction ends, with who redeemed it. */
export interface VoucherRecord {
  rewardId: string;
  customerId: string;
  kind: RewardKind;
  issuedAt: Date;
  expiresAt: Date;
  redeemedBy: string | null;
}

export interface StoredRefund {
  eventId: string;
  refundOf: string;
  occurredAt: Date;
  customerId: string;
  amountMinor: number;
}

const REFUND_COLUMNS = `event_id AS "eventId", refund_of AS "refundOf", occurred_at AS "occurredAt",
  customer_id AS "customerId", amount_minor::double precision AS "amountMinor"`;

/** Per store and reward kind: vouchers issued, redeemed (and not refunded), and codes refused by reason. */
export interface RedemptionReportRow {
  storeId: string;
  kind: RewardKind;
  issued: number;
  redeemed: number;
}

const COLUMNS = `purchase_event_id AS "purchaseEventId", voucher_code AS "voucherCode", customer_id AS "customerId",
  store_id AS "storeId", reward_id AS "rewardId", outcome, detail, decided_at AS "decidedAt",
  reversed_at AS "reversedAt", reversed_by AS "reversedBy"`;

/** Vouchers redeemed and refused (`voucher_redemptions`), and the refunds that give them back (`refunds`). */
@Injectable()
export class VoucherRepository {
  async voucher(manager: EntityManager, code: string): Promise<VoucherRecord | null> {
    const { rows } = await queryRows<VoucherRecord>(
      manager,
      `SELECT reward.id AS "rewardId", reward.customer_id AS "customerId", reward.kind,
              reward.issued_at AS "issuedAt", reward.expires_at AS "expiresAt",
              (SELECT redemption.purchase_event_id FROM voucher_redemptions redemption
                WHERE redemption.reward_id = reward.id AND redemption.outcome = 'redeemed'
                  AND redemption.reversed_at IS NULL) AS "redeemedBy"
         FROM rewards reward WHERE reward.voucher_code = $1
          FOR UPDATE OF reward`,
      [code],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager, purchaseEventId: string): Promise<RedemptionRecord | null> {
    const { rows } = await queryRows<RedemptionRecord>(
      manager,
      `SELECT ${COLUMNS} FROM voucher_redemptions WHERE purchase_event_id = $1`,
      [purchaseEventId],
    );
    return rows[0] ?? null;
  }

  /** Records the decision once: a redelivered job finds it taken and gets null. */
  async tryInsert(
    manager: EntityManager,
    redemption: Omit<RedemptionRecord, 'decidedAt'>,
  ): Promise<RedemptionRecord | null> {
    const { rows } = await queryRows<RedemptionRecord>(
      manager,
      `INSERT INTO voucher_redemptions
         (purchase_event_id, voucher_code, customer_id, store_id, reward_id, outcome, detail, reversed_at, reversed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (purchase_event_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        redemption.purchaseEventId,
        redemption.voucherCode,
        redemption.customerId,
        redemption.storeId,
        redemption.rewardId,
        redemption.outcome,
        redemption.detail,
        redemption.reversedAt,
        redemption.reversedBy,
      ],
    );
    return rows[0] ?? null;
  }

  /**
   * Gives the voucher of a redeemed purchase back; null when there was nothing (left) to give back. A points
   * voucher stays used: the points ledger gives its points back instead (docs/promoter-loop.md, Points).
   */
  async reverse(
    manager: EntityManager,
    purchaseEventId: string,
    refundEventId: string,
    at: Date,
  ): Promise<RedemptionRecord | null> {
    const { rows } = await queryRows<RedemptionRecord>(
      manager,
      `UPDATE voucher_redemptions SET reversed_at = $3, reversed_by = $2
        WHERE purchase_event_id = $1 AND outcome = 'redeemed' AND reversed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM rewards reward WHERE reward.id = reward_id AND reward.kind = 'points')
        RETURNING ${COLUMNS}`,
      [purchaseEventId, refundEventId, at],
    );
    return rows[0] ?? null;
  }

  /**
   * The points voucher a purchase redeemed and still holds (its reward id). A refund that came before the
   * voucher was decided gave the voucher itself back instead, so its points are not given twice.
   */
  async pointsVoucherOf(manager: EntityManager, purchaseEventId: string): Promise<string | null> {
    const { rows } = await queryRows<{ rewardId: string }>(
      manager,
      `SELECT r.reward_id AS "rewardId" FROM voucher_redemptions r JOIN rewards reward ON reward.id = r.reward_id
        WHERE r.purchase_event_id = $1 AND r.outcome = 'redeemed' AND r.reversed_at IS NULL
          AND reward.kind = 'points'`,
      [purchaseEventId],
    );
    return rows[0]?.rewardId ?? null;
  }

  /** The live redemption of each of these rewards: which purchase paid with it, and when that was decided. */
  async redemptionsOf(
    manager: EntityManager,
    rewardIds: string[],
  ): Promise<Map<string, { purchaseEventId: string; at: Date }>> {
    if (rewardIds.length === 0) return new Map();
    const { rows } = await queryRows<{ rewardId: string; purchaseEventId: string; at: Date }>(
      manager,
      `SELECT reward_id AS "rewardId", purchase_event_id AS "purchaseEventId", decided_at AS at
         FROM voucher_redemptions
        WHERE reward_id = ANY($1::uuid[]) AND outcome = 'redeemed' AND reversed_at IS NULL`,
      [rewardIds],
    );
    return new Map(rows.map(({ rewardId, ...redemption }) => [rewardId, redemption]));
  }

  async findRefund(manager: EntityManager, eventId: string): Promise<StoredRefund | null> {
    const { rows } = await queryRows<StoredRefund>(
      manager,
      `SELECT ${REFUND_COLUMNS} FROM refunds WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  /** The refund of a purchase, when one came (before or after its voucher was decided). */
  async refundOf(manager: EntityManager, purchaseEventId: string): Promise<StoredRefund | null> {
    const { rows } = await queryRows<StoredRefund>(
      manager,
      `SELECT ${REFUND_COLUMNS} FROM refunds WHERE refund_of = $1 ORDER BY occurred_at LIMIT 1`,
      [purchaseEventId],
    );
    return rows[0] ?? null;
  }

  /** Recent purchases with a voucher but no decision, and refunds whose purchase's voucher is still taken. */
  async undecided(
    manager: EntityManager,
    window: { since: Date; before: Date },
    limit: number,
  ): Promise<{ purchases: string[]; refunds: string[] }> {
    const [purchases, refunds] = await Promise.all([
      queryRows<{ id: string }>(
        manager,
        `SELECT purchase.event_id AS id FROM purchases purchase
          WHERE purchase.voucher_code IS NOT NULL AND purchase.received_at >= $1 AND purchase.received_at < $2
            AND NOT EXISTS (SELECT 1 FROM voucher_redemptions r WHERE r.purchase_event_id = purchase.event_id)
          ORDER BY purchase.received_at LIMIT $3`,
        [window.since, window.before, limit],
      ),
      queryRows<{ id: string }>(
        manager,
        `SELECT refund.event_id AS id FROM refunds refund
           JOIN voucher_redemptions r ON r.purchase_event_id = refund.refund_of
          WHERE r.outcome = 'redeemed' AND r.reversed_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM rewards reward WHERE reward.id = r.reward_id AND reward.kind = 'points')
            AND refund.received_at >= $1 AND refund.received_at < $2
          ORDER BY refund.received_at LIMIT $3`,
        [window.since, window.before, limit],
      ),
    ]);
    return { purchases: purchases.rows.map((row) => row.id), refunds: refunds.rows.map((row) => row.id) };
  }

  /** Redemption per store and reward kind, within the caller's stores, for vouchers issued in the period. */
  async report(
    manager: EntityManager,
    filter: { storeId?: string; from?: Date; to?: Date },
    scope: CaseScope,
  ): Promise<RedemptionReportRow[]> {
    const conditions = new SqlConditions();
    conditions.inScope('reward.store_id', scope);
    if (filter.storeId) conditions.add((id) => `reward.store_id = ${id}`, filter.storeId);
    if (filter.from) conditions.add((from) => `reward.issued_at >= ${from}`, filter.from);
    if (filter.to) conditions.add((to) => `reward.issued_at < ${to}`, filter.to);
    const { rows } = await queryRows<RedemptionReportRow>(
      manager,
      `SELECT reward.store_id AS "storeId", reward.kind, count(*)::int AS issued,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM voucher_redemptions r
                 WHERE r.reward_id = reward.id AND r.outcome = 'redeemed' AND r.reversed_at IS NULL))::int AS redeemed
         FROM rewards reward ${conditions.where()}
        GROUP BY reward.store_id, reward.kind ORDER BY reward.store_id, reward.kind`,
      conditions.parameters,
    );
    return rows;
  }

  /** Codes refused per store and reason, within the caller's stores, decided in the period. */
  async refusals(
    manager: EntityManager,
    filter: { storeId?: string; from?: Date; to?: Date },
    scope: CaseScope,
  ): Promise<Array<{ storeId: string; outcome: RedemptionOutcome; count: number }>> {
    const conditions = new SqlConditions();
    conditions.add(() => `outcome <> 'redeemed'`);
    conditions.inScope('store_id', scope);
    if (filter.storeId) conditions.add((id) => `store_id = ${id}`, filter.storeId);
    if (filter.from) conditions.add((from) => `decided_at >= ${from}`, filter.from);
    if (filter.to) conditions.add((to) => `decided_at < ${to}`, filter.to);
    const { rows } = await queryRows<{ storeId: string; outcome: RedemptionOutcome; count: number }>(
      manager,
      `SELECT store_id AS "storeId", outcome, count(*)::int AS count FROM voucher_redemptions ${conditions.where()}
        GROUP BY store_id, outcome ORDER BY store_id, outcome`,
      conditions.parameters,
    );
    return rows;
  }
}
