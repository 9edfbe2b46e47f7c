import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What Ladder derives about a customer from their facts: rung, value, RFM, segment, churn risk. */
@Entity({ name: 'customer_state' })
@Check('customer_state_stage_valid', `stage IN ('suspect', 'prospect', 'customer', 'client', 'advocate')`)
@Check('customer_state_churn_level_valid', `churn_level IN ('none', 'watch', 'high')`)
@Index('customer_state_review_idx', ['nextReviewAt'], { where: 'next_review_at IS NOT NULL' })
@Index('customer_state_home_store_idx', ['homeStoreId', 'stage'])
// The customer lists' value order (an expression index, which TypeORM cannot describe: migration 1796700000000).
@Index('customer_state_value_idx', { synchronize: false })
export class CustomerStateEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text', primaryKeyConstraintName: 'customer_state_pkey' })
  customerId!: string;

  @Column({ type: 'text', nullable: true })
  stage!: string | null;

  @Column({ name: 'stage_since', type: 'timestamptz', nullable: true })
  stageSince!: Date | null;

  /** When the last recorded ladder move took effect: moves after it are new. */
  @Column({ name: 'moves_until', type: 'timestamptz', nullable: true })
  movesUntil!: Date | null;

  @Column({ name: 'home_store_id', type: 'text', nullable: true })
  homeStoreId!: string | null;

  @Column({ name: 'value_minor', type: 'jsonb', default: () => `'{}'` })
  valueMinor!: Record<string, number>;

  @Column({ name: 'purchase_count', type: 'integer', default: 0 })
  purchaseCount!: number;

  @Column({ name: 'first_purchase_at', type: 'timestamptz', nullable: true })
  firstPurchaseAt!: Date | null;

  @Column({ name: 'last_purchase_at', type: 'timestamptz', nullable: true })
  lastPurchaseAt!: Date | null;

  @Column({ name: 'usual_interval_days', type: 'double precision', nullable: true })
  usualIntervalDays!: number | null;

  @Column({ name: 'last_score', type: 'smallint', nullable: true })
  lastScore!: number | null;

  @Column({ name: 'last_answer_at', type: 'timestamptz', nullable: true })
  lastAnswerAt!: Date | null;

  @Column({ name: 'recency_score', type: 'smallint', nullable: true })
  recencyScore!: number | null;

  @Column({ name: 'frequency_score', type: 'smallint', nullable: true })
  frequencyScore!: number | null;

  @Column({ name: 'monetary_score', type: 'smallint', nullable: true })
  monetaryScore!: number | null;

  @Column({ name: 'rfm_frequency', type: 'integer', nullable: true })
  rfmFrequency!: number | null;

  @Column({ name: 'rfm_monetary_minor', type: 'bigint', nullable: true })
  rfmMonetaryMinor!: string | null;

  @Column({ name: 'rfm_currency', type: 'text', nullable: true })
  rfmCurrency!: string | null;

  @Column({ type: 'text' })
  segment!: string;

  @Column({ name: 'churn_level', type: 'text', default: 'none' })
  churnLevel!: string;

  @Column({ name: 'churn_reasons', type: 'jsonb', default: () => `'[]'` })
  churnReasons!: unknown[];

  /** When time alone changes the state next; the sweep looks at the customer again then. */
  @Column({ name: 'next_review_at', type: 'timestamptz', nullable: true })
  nextReviewAt!: Date | null;

  /** What the customer model keeps of the facts folded so far (`CustomerTally`; docs/customer-model.md). */
  @Column({ name: 'tally', type: 'jsonb', nullable: true })
  tally!: unknown;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
