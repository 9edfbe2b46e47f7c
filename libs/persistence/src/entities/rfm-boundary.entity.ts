import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Quintile boundaries of the customer base, per RFM dimension (and currency for monetary value). */
@Entity({ name: 'rfm_boundaries' })
@Check('rfm_boundaries_dimension_valid', `dimension IN ('recency', 'frequency', 'monetary')`)
export class RfmBoundaryEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'rfm_boundaries_pkey' })
  dimension!: 'recency' | 'frequency' | 'monetary';

  @PrimaryColumn({ type: 'text', default: '', primaryKeyConstraintName: 'rfm_boundaries_pkey' })
  currency!: string;

  @Column({ type: 'double precision', array: true })
  boundaries!: number[];

  @Column({ type: 'integer' })
  customers!: number;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
