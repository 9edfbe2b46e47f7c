import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A customer who joined the loyalty club through their invitation; their referral code is theirs to share. */
@Entity({ name: 'loyalty_members' })
@Unique('loyalty_members_referral_code_key', ['referralCode'])
@Index('loyalty_members_store_idx', ['storeId', 'joinedAt'])
@Index('loyalty_members_joined_idx', ['joinedAt', 'customerId'])
export class LoyaltyMemberEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'text', primaryKeyConstraintName: 'loyalty_members_pkey' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  @Column({ name: 'referral_code', type: 'text' })
  referralCode!: string;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt!: Date;

  /** The member tier held (docs/promoter-loop.md, Tiers); null below the first. */
  @Column({ type: 'text', nullable: true })
  tier!: string | null;

  @Column({ name: 'tier_since', type: 'timestamptz', nullable: true })
  tierSince!: Date | null;
}
