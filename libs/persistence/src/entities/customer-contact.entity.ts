import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Every message Ladder decided to send a customer: what the contact budget counts. */
@Entity({ name: 'customer_contacts' })
@Unique('customer_contacts_notification_key', ['notificationKey'])
@Check('customer_contacts_kind_valid', `kind IN ('marketing', 'service')`)
@Index('customer_contacts_customer_idx', ['customerId', 'at'])
export class CustomerContactEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'customer_contacts_pkey' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  kind!: 'marketing' | 'service';

  /** Why: loyalty-invitation, referral-ask, re-survey… */
  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'notification_key', type: 'text' })
  notificationKey!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
