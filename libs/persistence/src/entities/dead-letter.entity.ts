import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A rejected input message, kept with its original bytes so it can be fixed and redriven. */
@Entity({ name: 'dead_letters' })
@Unique('dead_letters_source_key', ['sourceTopic', 'sourcePartition', 'sourceOffset'])
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'dead_letters_pkey' })
  id!: string;

  @Column({ name: 'source_topic', type: 'text' })
  sourceTopic!: string;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @Column({ name: 'message_key', type: 'text', nullable: true })
  messageKey!: string | null;

  /** The key exactly as it came, when it is not clean text (NUL bytes, broken UTF-8). */
  @Column({ name: 'message_key_bytes', type: 'bytea', nullable: true })
  messageKeyBytes!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  value!: Buffer | null;

  @Column({ name: 'reason_code', type: 'text' })
  reasonCode!: string;

  @Column({ name: 'reason_message', type: 'text' })
  reasonMessage!: string;

  @Column({ type: 'jsonb', nullable: true })
  fields!: unknown;

  @Column({ name: 'rejected_at', type: 'timestamptz', default: () => 'now()' })
  rejectedAt!: Date;

  @Column({ name: 'redriven_at', type: 'timestamptz', nullable: true })
  redrivenAt!: Date | null;
}
