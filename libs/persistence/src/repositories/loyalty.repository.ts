import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { SqlConditions } from '../sql-conditions.js';
import type { CaseScope } from './case.repository.js';

export interface MemberRecord {
  customerId: string;
  storeId: string;
  referralCode: string;
  joinedAt: Date;
}

export interface MemberListItem extends MemberRecord {
  rewards: number;
  referrals: number;
  /** `joined_at` to the microsecond, for keyset paging. */
  joinedAtExact: string;
}

export interface MemberFilter {
  storeId?: string;
  limit: number;
  /** Keyset paging: members who joined before this one (newest first). */
  after?: { joinedAt: string; customerId: string };
}

/** The columns of a MemberRecord, named as it names them (the table is `m`). */
const MEMBER_COLUMNS = `m.customer_id AS "customerId", m.store_id AS "storeId", m.referral_code AS "referralCode",
                        m.joined_at AS "joinedAt"`;

export interface LoyaltyInvitationRecord {
  customerId: string;
  storeId: string;
  surveyEventId: string;
  referralCode: string;
  invitedAt: Date;
}

@Injectable()
export class LoyaltyRepository {
  async findInvitation(manager: EntityManager, customerId: string): Promise<LoyaltyInvitationRecord | null> {
    const { rows } = await queryRows<LoyaltyInvitationRecord>(
      manager,
      `SELECT customer_id AS "customerId", store_id AS "storeId", survey_event_id AS "surveyEventId",
              referral_code AS "referralCode", invited_at AS "invitedAt"
         FROM loyalty_invitations WHERE customer_id = $1`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  /**
   * Records the invitation unless the customer has one or the code is taken; returns whether it was
   * recorded. The caller tells the two apart and retries a taken code with a new one.
   */
  async tryInsertInvitation(
    manager: EntityManager,
    invitation: Omit<LoyaltyInvitationRecord, 'invitedAt'>,
  ): Promise<boolean> {
    const { rows } = await queryRows(
      manager,
      `INSERT INTO loyalty_invitations (customer_id, store_id, survey_event_id, referral_code)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING customer_id`,
      [invitation.customerId, invitation.storeId, invitation.surveyEventId, invitation.referralCode],
    );
    return rows.length === 1;
  }

  /**
   * The invitation, locked: joining takes the lock, so two clicks at once make one member, and so do the
   * conversions of the code's owner, which are checked and paid one at a time (the cap, the burst).
   */
  async lockInvitation(manager: EntityManager, customerId: string): Promise<LoyaltyInvitationRecord | null> {
    const { rows } = await queryRows<{ customer_id: string }>(
      manager,
      'SELECT customer_id FROM loyalty_invitations WHERE customer_id = $1 FOR UPDATE',
      [customerId],
    );
    return rows.length ? this.findInvitation(manager, customerId) : null;
  }

  async findMember(manager: EntityManager, customerId: string): Promise<MemberRecord | null> {
    const { rows } = await queryRows<MemberRecord>(
      manager,
      `SELECT ${MEMBER_COLUMNS} FROM loyalty_members m WHERE m.customer_id = $1`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  /**
   * Whose referral code this is. The code works from the invitation that carried it; `member` says whether
   * its owner has joined the club since.
   */
  async findReferrerByCode(
    manager: EntityManager,
    referralCode: string,
  ): Promise<{ customerId: string; storeId: string; member: boolean } | null> {
    const { rows } = await queryRows<{ customerId: string; storeId: string; member: boolean }>(
      manager,
      `SELECT i.customer_id AS "customerId", i.store_id AS "storeId", (m.customer_id IS NOT NULL) AS member
         FROM loyalty_invitations i LEFT JOIN loyalty_members m ON m.customer_id = i.customer_id
        WHERE i.referral_code = $1`,
      [referralCode],
    );
    return rows[0] ?? null;
  }

  /** Makes the customer a member; null when they already were. */
  async insertMember(
    manager: EntityManager,
    member: Omit<MemberRecord, 'joinedAt'>,
  ): Promise<MemberRecord | null> {
    const { rows } = await queryRows<MemberRecord>(
      manager,
      `INSERT INTO loyalty_members AS m (customer_id, store_id, referral_code) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO NOTHING RETURNING ${MEMBER_COLUMNS}`,
      [member.customerId, member.storeId, member.referralCode],
    );
    return rows[0] ?? null;
  }

  /** Members newest first, within the caller's scope, with how many rewards and referrals each has. */
  async listMembers(
    manager: EntityManager,
    filter: MemberFilter,
    scope: CaseScope,
  ): Promise<MemberListItem[]> {
    const conditions = new SqlConditions();
    if (filter.storeId) conditions.add((p) => `m.store_id = ${p}`, filter.storeId);
    // The counts, like the rows, see only the caller's stores (a member's rewards may come from others).
    const stores = conditions.inScope('m.store_id', scope);
    const countScope = stores ? `AND store_id = ANY(${stores}::text[])` : '';
    if (filter.after) {
      const { joinedAt, customerId } = filter.after;
      conditions.add(
        (at, id) => `(m.joined_at, m.customer_id) < (${at}::timestamptz, ${id})`,
        joinedAt,
        customerId,
      );
    }
    const limit = conditions.parameter(filter.limit);
    const { rows } = await queryRows<MemberListItem>(
      manager,
      `SELECT ${MEMBER_COLUMNS}, m.joined_at::text AS "joinedAtExact",
              (SELECT count(*)::int FROM rewards WHERE customer_id = m.customer_id ${countScope}) AS rewards,
              (SELECT count(*)::int FROM referrals WHERE referrer_id = m.customer_id ${countScope}) AS referrals
         FROM loyalty_members m ${conditions.where()}
        ORDER BY m.joined_at DESC, m.customer_id DESC LIMIT ${limit}`,
      conditions.parameters,
    );
    return rows;
  }

  async count(manager: EntityManager): Promise<number> {
    const { rows } = await queryRows<{ count: number }>(
      manager,
      'SELECT count(*)::int AS count FROM loyalty_invitations',
    );
    return rows[0]?.count ?? 0;
  }
}
