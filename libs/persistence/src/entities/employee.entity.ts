import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { StoreEntity } from './store.entity.js';

@Entity({ name: 'employees' })
export class EmployeeEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'employees_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @ManyToOne(() => StoreEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'employees_store_fkey' })
  store?: Relation<StoreEntity>;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
