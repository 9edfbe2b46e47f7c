import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Kafka message or BullMQ job that a transaction decided on, written in that same transaction and
 * published after it commits (the transactional outbox): nothing decided is lost to a crash or an outage.
 */
@Entity({ name: 'outbox' })
@Check('outbox_kind_valid', `kind IN ('kafka', 'job')`)
@Index('outbox_unpublished_idx', ['id'], { where: 'published_at IS NULL AND parked_at IS NULL' })
@Index('outbox_parked_idx', ['parkedAt'], { where: 'parked_at IS NOT NULL' })
@Index('outbox_published_at_idx', ['publishedAt'], { where: 'published_at IS NOT NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'kafka' | 'job';

  /** The short topic name, or the job name. */
  @Column({ type: 'text' })
  destination!: string;

  /** The Kafka key, or the deterministic job id. */
  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** A job to run later: BullMQ gets it now, delayed until this time. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt!: Date | null;

  /** A job's BullMQ priority (lower first; none goes before any): a customer's e-mail waits behind an alert. */
  @Column({ type: 'integer', nullable: true })
  priority!: number | null;

  /** Claimed by a relay publishing it until then; free again once it passed (the relay died). */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  /** How many times a relay claimed it. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Set aside for good: the broker or the queue refuses it as it is (`park_reason` says why). */
  @Column({ name: 'parked_at', type: 'timestamptz', nullable: true })
  parkedAt!: Date | null;

  @Column({ name: 'park_reason', type: 'text', nullable: true })
  parkReason!: string | null;
}
