import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES_BEFORE = `'stage-changed', 'churn-risk-changed', 'loyalty-joined', 'referral-converted', 'reward-issued', 'unsubscribed'`;
const EVENT_TYPES = `${EVENT_TYPES_BEFORE}, 'tier-changed'`;

/**
 * Points and member tiers (docs/promoter-loop.md, Points and Tiers): the points ledger, each member's tier,
 * and a store's own points rule and consultation voucher. The ledger's reason is unique per customer, so an
 * entry is written once however often its job runs.
 */
export class PointsAndTiers1796500000000 implements MigrationInterface {
  name = 'PointsAndTiers1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE stores ADD COLUMN points_rule jsonb, ADD COLUMN consultation_reward jsonb',
    );
    await queryRunner.query(
      'ALTER TABLE loyalty_members ADD COLUMN tier text, ADD COLUMN tier_since timestamptz',
    );
    await queryRunner.query(`
      CREATE TABLE points_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_id text NOT NULL,
        store_id text NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        points integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        expires_at timestamptz,
        lot_id uuid,
        source_id text,
        detail text,
        CONSTRAINT points_entries_pkey PRIMARY KEY (id),
        CONSTRAINT points_entries_reason_key UNIQUE (customer_id, reason),
        CONSTRAINT points_entries_kind_valid
          CHECK (kind IN ('purchase', 'survey', 'referral', 'restored', 'spent', 'reversed', 'expired')),
        CONSTRAINT points_entries_sign_valid CHECK (
          (kind IN ('purchase', 'survey', 'referral', 'restored') AND points > 0 AND expires_at IS NOT NULL)
          OR (kind NOT IN ('purchase', 'survey', 'referral', 'restored') AND points < 0))
      )`);
    await queryRunner.query(
      'CREATE INDEX points_entries_customer_idx ON points_entries (customer_id, occurred_at)',
    );
    // The expiry sweep's question: which lots have run out?
    await queryRunner.query('CREATE INDEX points_entries_expiry_idx ON points_entries (expires_at)');
    await queryRunner.query('CREATE INDEX points_entries_source_idx ON points_entries (source_id)');
    await queryRunner.query(`
      ALTER TABLE customer_events DROP CONSTRAINT customer_events_type_valid,
        ADD CONSTRAINT customer_events_type_valid CHECK (type IN (${EVENT_TYPES}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM customer_events WHERE type = 'tier-changed'`);
    await queryRunner.query(`
      ALTER TABLE customer_events DROP CONSTRAINT customer_events_type_valid,
        ADD CONSTRAINT customer_events_type_valid CHECK (type IN (${EVENT_TYPES_BEFORE}))`);
    await queryRunner.query('DROP TABLE points_entries');
    await queryRunner.query('ALTER TABLE loyalty_members DROP COLUMN tier, DROP COLUMN tier_since');
    await queryRunner.query('ALTER TABLE stores DROP COLUMN points_rule, DROP COLUMN consultation_reward');
  }
}
