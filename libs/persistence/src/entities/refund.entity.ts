import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InputFactColumns } from './input-fact.columns.js';

/** A purchase returned (a purchase event with `refundOf`): not a purchase, it gives back what one used. */
@Entity({ name: 'refunds' })
@Index('refunds_refund_of_idx', ['refundOf'])
export class RefundEntity extends InputFactColumns {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'refunds_pkey' })
  eventId!: string;

  /** The eventId of the purchase returned. */
  @Column({ name: 'refund_of', type: 'text' })
  refundOf!: string;

  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor!: string;

  @Column({ type: 'text' })
  currency!: string;
}
