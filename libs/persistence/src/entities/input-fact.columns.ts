import { Column } from 'typeorm';

/**
 * The columns every stored input event has (purchases, survey answers, leads): whose and where it is, when
 * it happened, and where in Kafka it came from. Each fact's table adds its own key and fields.
 */
export abstract class InputFactColumns {
  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  @Column({ name: 'source_offset', type: 'bigint' })
  sourceOffset!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
