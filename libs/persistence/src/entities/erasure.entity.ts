import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer erased: who did it, when, how much was cleared; the customer only as a keyed hash. */
@Entity({ name: 'erasures' })
@Check('erasures_via_valid', `via IN ('api', 'cli')`)
export class ErasureEntity {
  /** HMAC-SHA256 of the customer id with the `erasure-key` secret, hex. */
  @PrimaryColumn({ name: 'id_hash', type: 'text', primaryKeyConstraintName: 'erasures_pkey' })
  idHash!: string;

  /** The id the customer's anonymous facts carry from now on. */
  @Column({ type: 'text' })
  pseudonym!: string;

  @Column({ name: 'erased_at', type: 'timestamptz', default: () => 'now()' })
  erasedAt!: Date;

  /** The token (or the operator at the command line) that erased. */
  @Column({ name: 'erased_by', type: 'text' })
  erasedBy!: string;

  @Column({ type: 'text' })
  via!: 'api' | 'cli';

  /** Rows changed per table: what the erasure did, without what it removed. */
  @Column({ type: 'jsonb' })
  cleared!: Record<string, number>;
}
