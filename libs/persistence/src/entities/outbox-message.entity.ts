import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Kafka message or BullMQ job that a transaction decided on, written in that same transaction and
 * published after it commits (the transactional outbox): nothing decided is lost to a crash or an outage.
 */
@Entity({ name: 'outbox' })
@Check('outbox_kind_valid', `kind IN ('kafka', 'job')`)
@Index('outbox_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
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
}
