import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InputFactColumns } from './input-fact.columns.js';

@Entity({ name: 'purchases' })
@Check('purchases_amount_not_negative', 'amount_minor >= 0')
@Index('purchases_customer_idx', ['customerId', 'occurredAt'])
@Index('purchases_referral_code_idx', ['referralCode'], { where: 'referral_code IS NOT NULL' })
export class PurchaseEntity extends InputFactColumns {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'purchases_pkey' })
  eventId!: string;

  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId!: string | null;

  @Column({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'jsonb', nullable: true })
  items!: unknown[] | null;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ name: 'referral_code', type: 'text', nullable: true })
  referralCode!: string | null;

  /** The voucher the customer paid with, normalised; `voucher_redemptions` says what became of it. */
  @Column({ name: 'voucher_code', type: 'text', nullable: true })
  voucherCode!: string | null;
}
