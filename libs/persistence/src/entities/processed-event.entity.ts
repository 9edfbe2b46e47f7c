import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every input eventId Ladder has taken in: the guard that makes a repeated event change nothing. */
@Entity({ name: 'processed_events' })
export class ProcessedEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'processed_events_pkey' })
  eventId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
