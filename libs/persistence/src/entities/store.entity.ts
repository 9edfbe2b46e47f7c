import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { RegionEntity } from './region.entity.js';

@Entity({ name: 'stores' })
export class StoreEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'stores_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'region_id', type: 'text' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { nullable: false })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'stores_region_fkey' })
  region?: Relation<RegionEntity>;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ name: 'manager_name', type: 'text' })
  managerName!: string;

  @Column({ name: 'manager_email', type: 'text' })
  managerEmail!: string;

  /** The store's own follow-up SLA; null means Ladder's default. */
  @Column({ name: 'follow_up_sla_ms', type: 'bigint', nullable: true })
  followUpSlaMs!: string | null;

  /** The store's own rewards ({ amountMinor, currency, validForMs }); null means Ladder's default. */
  @Column({ name: 'welcome_reward', type: 'jsonb', nullable: true })
  welcomeReward!: { amountMinor: number; currency: string; validForMs: number } | null;

  @Column({ name: 'referral_reward', type: 'jsonb', nullable: true })
  referralReward!: { amountMinor: number; currency: string; validForMs: number } | null;

  /** The store's own points rule ({ amountPerPoint, pointValueMinor }); null means Ladder's default. */
  @Column({ name: 'points_rule', type: 'jsonb', nullable: true })
  pointsRule!: { amountPerPoint: number; pointValueMinor: number } | null;

  @Column({ name: 'offer_reward', type: 'jsonb', nullable: true })
  offerReward!: { amountMinor: number; currency: string; validForMs: number } | null;

  @Column({ name: 'consultation_reward', type: 'jsonb', nullable: true })
  consultationReward!: { amountMinor: number; currency: string; validForMs: number } | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
