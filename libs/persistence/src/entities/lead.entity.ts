import type { LeadKind } from '#contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InputFactColumns } from './input-fact.columns.js';

@Entity({ name: 'leads' })
@Check('leads_kind_valid', `kind IN ('seen-ad', 'showed-interest', 'signed-up')`)
@Index('leads_customer_idx', ['customerId', 'occurredAt'])
export class LeadEntity extends InputFactColumns {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'leads_pkey' })
  eventId!: string;

  @Column({ type: 'text' })
  kind!: LeadKind;
}
