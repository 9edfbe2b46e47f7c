import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One entry of a member's points ledger, with its reason: written once per customer and reason. */
@Entity({ name: 'points_entries' })
@Unique('points_entries_reason_key', ['customerId', 'reason'])
@Check(
  'points_entries_kind_valid',
  `kind IN ('purchase', 'survey', 'referral', 'restored', 'spent', 'reversed', 'expired')`,
)
@Check(
  'points_entries_sign_valid',
  `(kind IN ('purchase', 'survey', 'referral', 'restored') AND points > 0 AND expires_at IS NOT NULL)
          OR (kind NOT IN ('purchase', 'survey', 'referral', 'restored') AND points < 0)`,
)
@Index('points_entries_customer_idx', ['customerId', 'occurredAt'])
@Index('points_entries_expiry_idx', ['expiresAt'])
@Index('points_entries_source_idx', ['sourceId'])
export class PointsEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'points_entries_pkey' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** `purchase:<event id>`, `survey:<event id>`, `referral:<id>`, `spent:<request id>`, `expired:<lot id>`… */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'integer' })
  points!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'lot_id', type: 'uuid', nullable: true })
  lotId!: string | null;

  /** The event, referral, refund or voucher the entry came from. */
  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
