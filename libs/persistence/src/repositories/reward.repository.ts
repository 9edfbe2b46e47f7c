import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';

export type RewardKind = 'welcome' | 'referral';

export interface RewardRecord {
  id: string;
  customerId: string;
  storeId: string;
  kind: RewardKind;
  /** Why it was issued: `welcome`, or `referral:<referral id>`. One reward per customer and reason. */
  reason: string;
  voucherCode: string;
  amountMinor: number;
  currency: string;
  issuedAt: Date;
  expiresAt: Date;
  referralId: string | null;
}

interface RewardRow {
  id: string;
  customer_id: string;
  store_id: string;
  kind: RewardKind;
  reason: string;
  voucher_code: string;
  amount_minor: string;
  currency: string;
  issued_at: Date;
  expires_at: Date;
  referral_id: string | null;
}

const COLUMNS =
  'id, customer_id, store_id, kind, reason, voucher_code, amount_minor::text AS amount_minor, currency, issued_at, expires_at, referral_id';

const toReward = (row: RewardRow): RewardRecord => ({
  id: row.id,
  customerId: row.customer_id,
  storeId: row.store_id,
  kind: row.kind,
  reason: row.reason,
  voucherCode: row.voucher_code,
  amountMinor: Number(row.amount_minor),
  currency: row.currency,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  referralId: row.referral_id,
});

/** The reward ledger. */
@Injectable()
export class RewardRepository {
  /**
   * Issues a reward unless the customer already has one for the reason or the voucher code is taken: null
   * then, and the caller tells the two apart (findByReason) and retries a taken code with another.
   */
  async tryInsert(manager: EntityManager, reward: Omit<RewardRecord, 'id'>): Promise<RewardRecord | null> {
    const { rows } = await queryRows<RewardRow>(
      manager,
      `INSERT INTO rewards (customer_id, store_id, kind, reason, voucher_code, amount_minor, currency, issued_at, expires_at, referral_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        reward.customerId,
        reward.storeId,
        reward.kind,
        reward.reason,
        reward.voucherCode,
        reward.amountMinor,
        reward.currency,
        reward.issuedAt,
        reward.expiresAt,
        reward.referralId,
      ],
    );
    return rows[0] ? toReward(rows[0]) : null;
  }

  async findByReason(
    manager: EntityManager,
    customerId: string,
    reason: string,
  ): Promise<RewardRecord | null> {
    const { rows } = await queryRows<RewardRow>(
      manager,
      `SELECT ${COLUMNS} FROM rewards WHERE customer_id = $1 AND reason = $2`,
      [customerId, reason],
    );
    return rows[0] ? toReward(rows[0]) : null;
  }

  async find(manager: EntityManager, id: string): Promise<RewardRecord | null> {
    const { rows } = await queryRows<RewardRow>(manager, `SELECT ${COLUMNS} FROM rewards WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toReward(rows[0]) : null;
  }

  /** A customer's ledger within the caller's stores, newest first. */
  async ofCustomer(manager: EntityManager, customerId: string, scope: CaseScope): Promise<RewardRecord[]> {
    const conditions = new SqlConditions([customerId]);
    conditions.inScope('store_id', scope);
    const { rows } = await queryRows<RewardRow>(
      manager,
      `SELECT ${COLUMNS} FROM rewards WHERE customer_id = $1 ${conditions.and()} ORDER BY issued_at DESC, id`,
      conditions.parameters,
    );
    return rows.map(toReward);
  }

  /** When the customer's referral rewards were issued (the cap counts them). */
  async referralRewardTimes(manager: EntityManager, customerId: string): Promise<Date[]> {
    const { rows } = await queryRows<{ issued_at: Date }>(
      manager,
      `SELECT issued_at FROM rewards WHERE customer_id = $1 AND kind = 'referral'`,
      [customerId],
    );
    return rows.map((row) => row.issued_at);
  }
}
