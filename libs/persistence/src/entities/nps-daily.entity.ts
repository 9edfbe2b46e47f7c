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
}
