import type { CaseStatus } from '#contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A follow-up case: one unhappy customer at one store, to be called back within the store's SLA. */
@Entity({ name: 'follow_up_cases' })
@Unique('follow_up_cases_opened_by_event_key', ['openedByEventId'])
@Check(
  'follow_up_cases_status_valid',
  `status IN ('open', 'claimed', 'contact-attempted', 'contacted', 'resolved', 'closed')`,
)
@Index('follow_up_cases_one_active_idx', ['customerId', 'storeId'], {
  unique: true,
  where: `status IN ('open', 'claimed', 'contact-attempted', 'contacted')`,
})
@Index('follow_up_cases_queue_idx', ['storeId', 'status', 'priority'])
export class FollowUpCaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'follow_up_cases_pkey' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ type: 'integer' })
  priority!: number;

  @Column({ name: 'owner_id', type: 'text', nullable: true })
  ownerId!: string | null;

  /** The survey answer that opened the case. */
  @Column({ name: 'opened_by_event_id', type: 'text' })
  openedByEventId!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'root_cause', type: 'text', nullable: true })
  rootCause!: string | null;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;
}
