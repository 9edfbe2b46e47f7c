import type { LeadKind } from '#contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'leads' })
@Check('leads_kind_valid', `kind IN ('seen-ad', 'showed-interest', 'signed-up')`)
@Index('leads_customer_idx', ['customerId', 'occurredAt'])
export class LeadEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'leads_pkey' })
  eventId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ type: 'text' })
  kind!: LeadKind;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
