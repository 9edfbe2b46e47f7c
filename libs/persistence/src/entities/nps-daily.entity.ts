import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The NPS read model: answer counts per store, employee ('' for none) and the store's local day. */
@Entity({ name: 'nps_daily' })
@Index('nps_daily_day_idx', ['day'])
export class NpsDailyEntity {
  @PrimaryColumn({ name: 'store_id', type: 'text', primaryKeyConstraintName: 'nps_daily_pkey' })
  storeId!: string;

  @PrimaryColumn({
    name: 'employee_id',
    type: 'text',
    default: '',
    primaryKeyConstraintName: 'nps_daily_pkey',
  })
  employeeId!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'nps_daily_pkey' })
  day!: string;

  @Column({ type: 'integer', default: 0 })
  promoters!: number;

  @Column({ type: 'integer', default: 0 })
  passives!: number;

  @Column({ type: 'integer', default: 0 })
  detractors!: number;

  /** Of the counts above, the answers triage flagged (junk): left out of leaderboards. */
  @Column({ name: 'flagged_promoters', type: 'integer', default: 0 })
  flaggedPromoters!: number;

  @Column({ name: 'flagged_passives', type: 'integer', default: 0 })
  flaggedPassives!: number;

  @Column({ name: 'flagged_detractors', type: 'integer', default: 0 })
  flaggedDetractors!: number;
}
