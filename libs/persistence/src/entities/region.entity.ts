import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'regions_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'manager_name', type: 'text' })
  managerName!: string;

  @Column({ name: 'manager_email', type: 'text' })
  managerEmail!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
