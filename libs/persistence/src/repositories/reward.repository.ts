import type { VoucherKind } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';

export type RewardKind = VoucherKind;

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

/**
 * The columns of a RewardRecord, named as it names them. Amounts are at most Number.MAX_SAFE_INTEGER (the
 * contract's limit), which a double holds exactly.
 */
const COLUMNS = `id, customer_id AS "customerId", store_id AS "storeId", kind, reason, voucher_code AS "voucherCode",
  amount_minor::double precision AS "amountMinor", currency, issued_at AS "issuedAt", expires_at AS "expiresAt",
  referral_id AS "referralId"`;

/** The reward ledger. */
@Injectable()
export class RewardRepository {
  /**
   * Issues a reward unless the customer already has one for the reason or the voucher code is taken: null
   * then, and the caller tells the two apart (findByReason) and retries a taken code with another.
   */
  async tryInsert(manager: EntityManager, reward: Omit<RewardRecord, 'id'>): Promise<RewardRecord | null> {
    const { rows } = await queryRows<RewardRecord>(
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
    return rows[0] ?? null;
  }

  async findByReason(
    manager: EntityManager,
    customerId: string,
    reason: string,
  ): Promise<RewardRecord | null> {
    const { rows } = await queryRows<RewardRecord>(
      manager,
      `SELECT ${COLUMNS} FROM rewards WHERE customer_id = $1 AND reason = $2`,
      [customerId, reason],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager, id: string): Promise<RewardRecord | null> {
    const { rows } = await queryRows<RewardRecord>(manager, `SELECT ${COLUMNS} FROM rewards WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** A customer's ledger within the caller's stores, newest first. */
  async ofCustomer(manager: EntityManager, customerId: string, scope: CaseScope): Promise<RewardRecord[]> {
    const conditions = new SqlConditions([customerId]);
    conditions.inScope('store_id', scope);
    const { rows } = await queryRows<RewardRecord>(
      manager,
      `SELECT ${COLUMNS} FROM rewards WHERE customer_id = $1 ${conditions.and()} ORDER BY issued_at DESC, id`,
      conditions.parameters,
    );
    return rows;
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
