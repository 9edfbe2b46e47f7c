import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The customer's derived history: ladder moves, churn-risk changes, club joins, referrals, rewards, unsubscribing. */
@Entity({ name: 'customer_events' })
@Check(
  'customer_events_type_valid',
  `type IN ('stage-changed', 'churn-risk-changed', 'loyalty-joined', 'referral-converted', 'reward-issued', 'unsubscribed', 'tier-changed')`,
)
@Index('customer_events_customer_idx', ['customerId', 'id'])
@Index('customer_events_moves_idx', ['homeStoreId', 'effectiveAt'], { where: `type = 'stage-changed'` })
// The dashboard's lapsed clients (migration 1796700000000).
@Index('customer_events_lapse_idx', ['customerId', 'effectiveAt'], {
  where: `type = 'stage-changed' AND details->>'reason' = 'no-purchase-within-window'`,
})
export class CustomerEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'customer_events_pkey' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage!: string | null;

  @Column({ name: 'to_stage', type: 'text', nullable: true })
  toStage!: string | null;

  @Column({ name: 'home_store_id', type: 'text', nullable: true })
  homeStoreId!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
