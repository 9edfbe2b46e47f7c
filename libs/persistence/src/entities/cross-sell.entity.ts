import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One learning of the cross-sell rules: when, from which window of purchases, how many baskets, how strict. */
@Entity({ name: 'cross_sell_learnings' })
export class CrossSellLearningEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'cross_sell_learnings_pkey' })
  id!: string;

  @Column({ name: 'learned_at', type: 'timestamptz' })
  learnedAt!: Date;

  @Column({ name: 'window_from', type: 'timestamptz' })
  windowFrom!: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ type: 'integer' })
  baskets!: number;

  @Column({ type: 'jsonb' })
  thresholds!: Record<string, number>;
}

/** A rule `antecedent → consequent` of one learning, with the counts behind its figures. */
@Entity({ name: 'cross_sell_rules' })
@Check('cross_sell_rules_two_categories', 'antecedent <> consequent')
export class CrossSellRuleEntity {
  @PrimaryColumn({ name: 'learning_id', type: 'uuid', primaryKeyConstraintName: 'cross_sell_rules_pkey' })
  learningId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'cross_sell_rules_pkey' })
  antecedent!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'cross_sell_rules_pkey' })
  consequent!: string;

  /** 1 for the best rule of the learning. */
  @Column({ type: 'integer' })
  rank!: number;

  @Column({ type: 'integer' })
  baskets!: number;

  @Column({ name: 'antecedent_count', type: 'integer' })
  antecedentCount!: number;

  @Column({ name: 'consequent_count', type: 'integer' })
  consequentCount!: number;

  @Column({ name: 'pair_count', type: 'integer' })
  pairCount!: number;

  @Column({ type: 'double precision' })
  support!: number;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'double precision' })
  lift!: number;
}

/** An offer of a category to a customer, from a rule, with its voucher and the purchase that converted it. */
@Entity({ name: 'cross_sell_offers' })
@Unique('cross_sell_offers_once_key', ['customerId', 'category', 'periodStart'])
@Check(
  'cross_sell_offers_conversion_whole',
  '(converted_at IS NULL) = (converting_purchase_event_id IS NULL)',
)
@Index('cross_sell_offers_open_idx', ['customerId'], { where: 'converted_at IS NULL' })
@Index('cross_sell_offers_rule_idx', ['antecedent', 'category', 'offeredAt'])
@Index('cross_sell_offers_store_idx', ['storeId', 'offeredAt'])
export class CrossSellOfferEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'cross_sell_offers_pkey' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId!: string;

  /** The rule's antecedent: what the customer bought that led to the offer. */
  @Column({ type: 'text' })
  antecedent!: string;

  /** The rule's consequent: the category offered. */
  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'learning_id', type: 'uuid' })
  learningId!: string;

  /** The rule's figures when the offer was made, so the offer explains itself after later learnings. */
  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'double precision' })
  lift!: number;

  /** The start of the offer period the offer belongs to: one offer per customer and category in each. */
  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ name: 'reward_id', type: 'uuid' })
  rewardId!: string;

  @Column({ name: 'notification_key', type: 'text' })
  notificationKey!: string;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt!: Date;

  /** The voucher's expiry: a purchase of the category until then converts the offer. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'converted_at', type: 'timestamptz', nullable: true })
  convertedAt!: Date | null;

  @Column({ name: 'converting_purchase_event_id', type: 'text', nullable: true })
  convertingPurchaseEventId!: string | null;
}
