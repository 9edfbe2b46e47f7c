import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A promoter's invitation to the loyalty club, with their personal referral code: one per customer. */
@Entity({ name: 'loyalty_invitations' })
@Unique('loyalty_invitations_referral_code_key', ['referralCode'])
export class LoyaltyInvitationEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text', primaryKeyConstraintName: 'loyalty_invitations_pkey' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ name: 'survey_event_id', type: 'text' })
  surveyEventId!: string;

  @Column({ name: 'referral_code', type: 'text' })
  referralCode!: string;

  @Column({ name: 'invited_at', type: 'timestamptz', default: () => 'now()' })
  invitedAt!: Date;
}
