import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RedemptionOutcome = 'redeemed' | 'used' | 'expired' | 'foreign' | 'unknown';

/** What became of the voucher code a purchase carried: redeemed once, or refused with its reason. */
@Entity({ name: 'voucher_redemptions' })
@Check(
  'voucher_redemptions_outcome_valid',
  `outcome IN ('redeemed', 'used', 'expired', 'foreign', 'unknown')`,
)
@Index('voucher_redemptions_once_idx', ['rewardId'], {
  unique: true,
  where: `outcome = 'redeemed' AND reversed_at IS NULL`,
})
@Index('voucher_redemptions_store_idx', ['storeId', 'decidedAt'])
export class VoucherRedemptionEntity {
  @PrimaryColumn({
    name: 'purchase_event_id',
    type: 'text',
    primaryKeyConstraintName: 'voucher_redemptions_pkey',
  })
  purchaseEventId!: string;

  @Column({ name: 'voucher_code', type: 'text' })
  voucherCode!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  /** The reward the code belongs to; null for a code no reward has. */
  @Column({ name: 'reward_id', type: 'uuid', nullable: true })
  rewardId!: string | null;

  @Column({ type: 'text' })
  outcome!: RedemptionOutcome;

  /** Why, in a sentence (no personal data). */
  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' })
  decidedAt!: Date;

  /** When a refund of the purchase gave the voucher back. */
  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true })
  reversedAt!: Date | null;

  /** The refund's eventId. */
  @Column({ name: 'reversed_by', type: 'text', nullable: true })
  reversedBy!: string | null;
}
