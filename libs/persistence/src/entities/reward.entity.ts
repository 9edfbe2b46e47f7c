import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The reward ledger: one voucher per customer and reason (`welcome`, `referral:<id>`), never two. */
@Entity({ name: 'rewards' })
@Unique('rewards_reason_key', ['customerId', 'reason'])
@Unique('rewards_voucher_code_key', ['voucherCode'])
@Check('rewards_kind_valid', `kind IN ('welcome', 'referral', 'points', 'consultation', 'offer')`)
@Index('rewards_customer_idx', ['customerId', 'issuedAt'])
export class RewardEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'rewards_pkey' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'voucher_code', type: 'text' })
  voucherCode!: string;

  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;
}
