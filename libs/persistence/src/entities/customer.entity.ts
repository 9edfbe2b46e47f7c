import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What Ladder knows of a customer; contact details are the latest seen (by the event's own time). */
@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'customers_pkey' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @Column({ name: 'contact_observed_at', type: 'timestamptz' })
  contactObservedAt!: Date;

  @Column({ name: 'marketing_consent', type: 'boolean', nullable: true })
  marketingConsent!: boolean | null;

  @Column({ name: 'consent_observed_at', type: 'timestamptz', nullable: true })
  consentObservedAt!: Date | null;

  /** Set when the customer unsubscribed: no more marketing, ever, unless they subscribe again. */
  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
