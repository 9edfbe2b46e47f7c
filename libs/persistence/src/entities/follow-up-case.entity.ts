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
@Index('follow_up_cases_due_idx', ['dueAt'], {
  where: `status IN ('open', 'claimed', 'contact-attempted', 'contacted')`,
})
@Index('follow_up_cases_recovery_idx', ['customerId'], { where: `recovery_status = 'waiting'` })
@Index('follow_up_cases_resolved_idx', ['storeId', 'resolvedAt'])
@Index('follow_up_cases_created_idx', ['createdAt'])
@Index('follow_up_cases_resolved_at_idx', ['resolvedAt'], { where: 'resolved_at IS NOT NULL' })
@Check('follow_up_cases_outcome_valid', `outcome IN ('resolved', 'unreachable')`)
@Check('follow_up_cases_recovery_valid', `recovery_status IN ('not-applicable', 'waiting', 'recovered')`)
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

  @Column({ name: 'owner_name', type: 'text', nullable: true })
  ownerName!: string | null;

  /** How the case ended: `resolved`, or `unreachable` when the customer could not be reached. */
  @Column({ type: 'text', nullable: true })
  outcome!: 'resolved' | 'unreachable' | null;

  @Column({ name: 'contact_attempts', type: 'integer', default: 0 })
  contactAttempts!: number;

  /** The first contact attempt's instant (its history entry's), kept for queue health's time to contact. */
  @Column({ name: 'first_contact_at', type: 'timestamptz', nullable: true })
  firstContactAt!: Date | null;

  /** How many escalation steps have been taken (0: none). */
  @Column({ name: 'escalation_level', type: 'integer', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'last_escalated_at', type: 'timestamptz', nullable: true })
  lastEscalatedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount!: number;

  /** After resolution: `waiting` for the customer to come back, `recovered` once they did. */
  @Column({ name: 'recovery_status', type: 'text', default: 'not-applicable' })
  recoveryStatus!: 'not-applicable' | 'waiting' | 'recovered';

  @Column({ name: 'recovered_at', type: 'timestamptz', nullable: true })
  recoveredAt!: Date | null;

  /** What showed the recovery: `purchase` or `higher-answer`. */
  @Column({ name: 'recovered_by', type: 'text', nullable: true })
  recoveredBy!: string | null;

  @Column({ name: 'resurvey_requested_at', type: 'timestamptz', nullable: true })
  resurveyRequestedAt!: Date | null;
}
