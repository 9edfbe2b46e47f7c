import type { Classification } from '#domain';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InputFactColumns } from './input-fact.columns.js';

/** An accepted survey answer, as it arrived (normalised); the fact every NPS figure is counted from. */
@Entity({ name: 'survey_answers' })
@Check('survey_answers_score_range', 'score BETWEEN 0 AND 10')
@Check('survey_answers_classification_valid', `classification IN ('promoter', 'passive', 'detractor')`)
@Check('survey_answers_quality_valid', `quality IN ('ok', 'flagged')`)
@Index('survey_answers_customer_idx', ['customerId', 'occurredAt'])
@Index('survey_answers_store_day_idx', ['storeId', 'localDay'])
@Index('survey_answers_triggers_idx', ['receivedAt'], { where: "classification <> 'passive'" })
// The dashboard's people and comment themes count answers of good quality by store and time, and read an
// employee's latest comments (migration 1796700000000).
@Index('survey_answers_store_time_idx', ['storeId', 'occurredAt'], { where: "quality = 'ok'" })
@Index('survey_answers_ok_time_idx', ['occurredAt'], { where: "quality = 'ok'" })
@Index('survey_answers_time_idx', ['occurredAt'])
// With INCLUDE (store_id, local_day, classification, themes), which TypeORM cannot say: the migration makes it.
@Index('survey_answers_themes_idx', { synchronize: false })
@Index('survey_answers_employee_idx', ['employeeId', 'occurredAt'], {
  where: "quality = 'ok' AND employee_id IS NOT NULL",
})
export class SurveyAnswerEntity extends InputFactColumns {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'survey_answers_pkey' })
  eventId!: string;

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

  /** The store's local calendar day of the answer. */
  @Column({ name: 'local_day', type: 'date' })
  localDay!: string;

  /** The comment's language: fa, en, mixed or unknown; null without a comment. */
  @Column({ type: 'text', nullable: true })
  language!: string | null;

  /** What the comment is about (comment triage). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  themes!: string[];

  /** `flagged` answers are kept and counted in NPS, but left out of recognition and leaderboards. */
  @Column({ type: 'text', default: 'ok' })
  quality!: 'ok' | 'flagged';

  @Column({ name: 'quality_flags', type: 'text', array: true, default: () => `'{}'` })
  qualityFlags!: string[];

  /** When the answer arrived in Kafka (its message's timestamp): where its end-to-end latency starts. */
  @Column({ name: 'produced_at', type: 'timestamptz', nullable: true })
  producedAt!: Date | null;
}
