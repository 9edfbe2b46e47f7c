import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'purchases' })
@Check('purchases_amount_not_negative', 'amount_minor >= 0')
@Index('purchases_customer_idx', ['customerId', 'occurredAt'])
@Index('purchases_referral_code_idx', ['referralCode'], { where: 'referral_code IS NOT NULL' })
export class PurchaseEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'purchases_pkey' })
  eventId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

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

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
