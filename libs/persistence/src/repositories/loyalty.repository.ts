import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

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
    const { rows } = await queryRows<{
      customer_id: string;
      store_id: string;
      survey_event_id: string;
      referral_code: string;
      invited_at: Date;
    }>(
      manager,
      'SELECT customer_id, store_id, survey_event_id, referral_code, invited_at FROM loyalty_invitations WHERE customer_id = $1',
      [customerId],
    );
    const row = rows[0];
    return row
      ? {
          customerId: row.customer_id,
          storeId: row.store_id,
          surveyEventId: row.survey_event_id,
          referralCode: row.referral_code,
          invitedAt: row.invited_at,
        }
      : null;
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

  async count(manager: EntityManager): Promise<number> {
    const { rows } = await queryRows<{ count: number }>(
      manager,
      'SELECT count(*)::int AS count FROM loyalty_invitations',
    );
    return rows[0]?.count ?? 0;
  }
}
