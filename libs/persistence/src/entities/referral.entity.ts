import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A friend's purchase that carried a member's referral code: one per friend. It cools off, then pays the
 * referrer (`rewarded`), unless a fraud check holds it for a manager (`review` → `rewarded` or `rejected`).
 */
@Entity({ name: 'referrals' })
@Unique('referrals_referee_key', ['refereeId'])
@Unique('referrals_purchase_key', ['purchaseEventId'])
@Check('referrals_status_valid', `status IN ('cooling-off', 'review', 'rewarded', 'rejected')`)
@Index('referrals_code_idx', ['referralCode', 'convertedAt'])
@Index('referrals_referrer_idx', ['referrerId'])
@Index('referrals_status_idx', ['status', 'createdAt'])
@Index('referrals_store_idx', ['storeId', 'createdAt', 'id'])
@Index('referrals_settle_idx', ['settleAt'], { where: `status = 'cooling-off'` })
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referrals_pkey' })
  id!: string;

  @Column({ name: 'referral_code', type: 'text' })
  referralCode!: string;

  @Column({ name: 'referrer_id', type: 'text' })
  referrerId!: string;

  @Column({ name: 'referee_id', type: 'text' })
  refereeId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ name: 'purchase_event_id', type: 'text' })
  purchaseEventId!: string;

  @Column({ name: 'converted_at', type: 'timestamptz' })
  convertedAt!: Date;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  flags!: string[];

  @Column({ name: 'settle_at', type: 'timestamptz' })
  settleAt!: Date;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
