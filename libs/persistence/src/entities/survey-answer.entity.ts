import type { Classification } from '#domain';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An accepted survey answer, as it arrived (normalised); the fact every NPS figure is counted from. */
@Entity({ name: 'survey_answers' })
@Check('survey_answers_score_range', 'score BETWEEN 0 AND 10')
@Check('survey_answers_classification_valid', `classification IN ('promoter', 'passive', 'detractor')`)
@Index('survey_answers_customer_idx', ['customerId', 'occurredAt'])
@Index('survey_answers_store_day_idx', ['storeId', 'localDay'])
export class SurveyAnswerEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'survey_answers_pkey' })
  eventId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId!: string | null;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId!: string | null;

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ type: 'text' })
  classification!: Classification;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ name: 'marketing_consent', type: 'boolean', nullable: true })
  marketingConsent!: boolean | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The store's local calendar day of the answer. */
  @Column({ name: 'local_day', type: 'date' })
  localDay!: string;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
