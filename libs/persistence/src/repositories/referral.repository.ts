import type { ReferralFlag, ReferralStatus } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';

export interface ReferralRecord {
  id: string;
  referralCode: string;
  referrerId: string;
  refereeId: string;
  storeId: string;
  purchaseEventId: string;
  convertedAt: Date;
  status: ReferralStatus;
  flags: ReferralFlag[];
  settleAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
  /** `created_at` to the microsecond, for keyset paging. */
  createdAtExact: string;
}

export interface ReferralFilter {
  status?: ReferralStatus;
  storeId?: string;
  referrerId?: string;
  limit: number;
  /** Keyset paging, newest first. */
  after?: { createdAt: string; id: string };
}

/** The columns of a ReferralRecord, named as it names them. */
const COLUMNS = `id, referral_code AS "referralCode", referrer_id AS "referrerId", referee_id AS "refereeId",
  store_id AS "storeId", purchase_event_id AS "purchaseEventId", converted_at AS "convertedAt", status, flags,
  settle_at AS "settleAt", decided_by AS "decidedBy", decided_at AS "decidedAt", decision_note AS "decisionNote",
  created_at AS "createdAt", created_at::text AS "createdAtExact"`;

@Injectable()
export class ReferralRepository {
  /** Records a conversion; null when the friend already has one (or this purchase was recorded). */
  async tryInsert(
    manager: EntityManager,
    referral: Pick<
      ReferralRecord,
      | 'referralCode'
      | 'referrerId'
      | 'refereeId'
      | 'storeId'
      | 'purchaseEventId'
      | 'convertedAt'
      | 'status'
      | 'flags'
      | 'settleAt'
    >,
  ): Promise<ReferralRecord | null> {
    const { rows } = await queryRows<ReferralRecord>(
      manager,
      `INSERT INTO referrals (referral_code, referrer_id, referee_id, store_id, purchase_event_id, converted_at, status, flags, settle_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        referral.referralCode,
        referral.referrerId,
        referral.refereeId,
        referral.storeId,
        referral.purchaseEventId,
        referral.convertedAt,
        referral.status,
        referral.flags,
        referral.settleAt,
      ],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<ReferralRecord | null> {
    const { rows } = await queryRows<ReferralRecord>(
      manager,
      `SELECT ${COLUMNS} FROM referrals WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByReferee(manager: EntityManager, refereeId: string): Promise<ReferralRecord | null> {
    const { rows } = await queryRows<ReferralRecord>(
      manager,
      `SELECT ${COLUMNS} FROM referrals WHERE referee_id = $1`,
      [refereeId],
    );
    return rows[0] ?? null;
  }

  /** Conversions still cooling off whose settle time passed before `before`: their timers were lost. */
  async dueForSettlement(manager: EntityManager, before: Date, limit: number): Promise<string[]> {
    const { rows } = await queryRows<{ id: string }>(
      manager,
      `SELECT id FROM referrals WHERE status = 'cooling-off' AND settle_at < $1 ORDER BY settle_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }

  /** When the other referrals of a code converted. */
  async conversionsOfCode(
    manager: EntityManager,
    referralCode: string,
    exceptId: string | null,
  ): Promise<Date[]> {
    const { rows } = await queryRows<{ converted_at: Date }>(
      manager,
      `SELECT converted_at FROM referrals WHERE referral_code = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [referralCode, exceptId],
    );
    return rows.map((row) => row.converted_at);
  }

  async update(
    manager: EntityManager,
    id: string,
    change: Partial<Pick<ReferralRecord, 'status' | 'flags' | 'decidedBy' | 'decidedAt' | 'decisionNote'>>,
  ): Promise<ReferralRecord> {
    const { rows } = await queryRows<ReferralRecord>(
      manager,
      `UPDATE referrals SET
          status = coalesce($2, status),
          flags = coalesce($3::text[], flags),
          decided_by = CASE WHEN $4::boolean THEN $5 ELSE decided_by END,
          decided_at = CASE WHEN $4::boolean THEN $6::timestamptz ELSE decided_at END,
          decision_note = CASE WHEN $4::boolean THEN $7 ELSE decision_note END,
          updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        change.status ?? null,
        change.flags ?? null,
        change.decidedBy !== undefined,
        change.decidedBy ?? null,
        change.decidedAt ?? null,
        change.decisionNote ?? null,
      ],
    );
    return rows[0]!;
  }

  /** Referrals newest first, within the caller's scope (the store of the friend's purchase). */
  async list(manager: EntityManager, filter: ReferralFilter, scope: CaseScope): Promise<ReferralRecord[]> {
    const conditions = new SqlConditions();
    if (filter.status) conditions.add((p) => `status = ${p}`, filter.status);
    if (filter.storeId) conditions.add((p) => `store_id = ${p}`, filter.storeId);
    if (filter.referrerId) conditions.add((p) => `referrer_id = ${p}`, filter.referrerId);
    conditions.inScope('store_id', scope);
    if (filter.after) {
      const { createdAt, id } = filter.after;
      conditions.add((at, after) => `(created_at, id) < (${at}::timestamptz, ${after}::uuid)`, createdAt, id);
    }
    const limit = conditions.parameter(filter.limit);
    const { rows } = await queryRows<ReferralRecord>(
      manager,
      `SELECT ${COLUMNS} FROM referrals ${conditions.where()}
        ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
      conditions.parameters,
    );
    return rows;
  }

  /** How many referrals a member's code brought, within the caller's stores. */
  async countOfReferrer(manager: EntityManager, referrerId: string, scope: CaseScope): Promise<number> {
    const conditions = new SqlConditions([referrerId]);
    conditions.inScope('store_id', scope);
    const { rows } = await queryRows<{ count: number }>(
      manager,
      `SELECT count(*)::int AS count FROM referrals WHERE referrer_id = $1 ${conditions.and()}`,
      conditions.parameters,
    );
    return rows[0]?.count ?? 0;
  }
}
