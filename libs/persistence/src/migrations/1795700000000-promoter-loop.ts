import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES_BEFORE = `'stage-changed', 'churn-risk-changed', 'loyalty-joined', 'referral-converted'`;
const EVENT_TYPES = `${EVENT_TYPES_BEFORE}, 'reward-issued', 'unsubscribed'`;
const NOTIFICATION_STATUSES_BEFORE = `'pending', 'sending', 'sent', 'failed'`;

/** The promoter loop: club members, the reward ledger, referrals and their review, suppressed e-mail. */
export class PromoterLoop1795700000000 implements MigrationInterface {
  name = 'PromoterLoop1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE stores ADD COLUMN welcome_reward jsonb, ADD COLUMN referral_reward jsonb`,
    );

    await queryRunner.query(`
      CREATE TABLE loyalty_members (
        customer_id text NOT NULL,
        store_id text NOT NULL,
        referral_code text NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT loyalty_members_pkey PRIMARY KEY (customer_id),
        CONSTRAINT loyalty_members_referral_code_key UNIQUE (referral_code)
      )`);
    await queryRunner.query(
      `CREATE INDEX loyalty_members_store_idx ON loyalty_members (store_id, joined_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX loyalty_members_joined_idx ON loyalty_members (joined_at, customer_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE referrals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        referral_code text NOT NULL,
        referrer_id text NOT NULL,
        referee_id text NOT NULL,
        store_id text NOT NULL,
        purchase_event_id text NOT NULL,
        converted_at timestamptz NOT NULL,
        status text NOT NULL,
        flags text[] NOT NULL DEFAULT '{}',
        settle_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referrals_pkey PRIMARY KEY (id),
        CONSTRAINT referrals_referee_key UNIQUE (referee_id),
        CONSTRAINT referrals_purchase_key UNIQUE (purchase_event_id),
        CONSTRAINT referrals_status_valid CHECK (status IN ('cooling-off', 'review', 'rewarded', 'rejected'))
      )`);
    await queryRunner.query(`CREATE INDEX referrals_code_idx ON referrals (referral_code, converted_at)`);
    await queryRunner.query(`CREATE INDEX referrals_referrer_idx ON referrals (referrer_id)`);
    await queryRunner.query(`CREATE INDEX referrals_status_idx ON referrals (status, created_at)`);
    await queryRunner.query(`CREATE INDEX referrals_store_idx ON referrals (store_id, created_at, id)`);
    // The sweep's question: which cooling-off referrals are past their settle time?
    await queryRunner.query(
      `CREATE INDEX referrals_settle_idx ON referrals (settle_at) WHERE status = 'cooling-off'`,
    );

    await queryRunner.query(`
      CREATE TABLE rewards (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_id text NOT NULL,
        store_id text NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        voucher_code text NOT NULL,
        amount_minor bigint NOT NULL,
        currency text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        referral_id uuid,
        CONSTRAINT rewards_pkey PRIMARY KEY (id),
        CONSTRAINT rewards_reason_key UNIQUE (customer_id, reason),
        CONSTRAINT rewards_voucher_code_key UNIQUE (voucher_code),
        CONSTRAINT rewards_kind_valid CHECK (kind IN ('welcome', 'referral'))
      )`);
    await queryRunner.query(`CREATE INDEX rewards_customer_idx ON rewards (customer_id, issued_at)`);

    await queryRunner.query(`
      ALTER TABLE customer_events DROP CONSTRAINT customer_events_type_valid,
        ADD CONSTRAINT customer_events_type_valid CHECK (type IN (${EVENT_TYPES}))`);
    await queryRunner.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_status_valid,
        ADD CONSTRAINT notifications_status_valid CHECK (status IN (${NOTIFICATION_STATUSES_BEFORE}, 'suppressed'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE notifications SET status = 'failed' WHERE status = 'suppressed'`);
    await queryRunner.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_status_valid,
        ADD CONSTRAINT notifications_status_valid CHECK (status IN (${NOTIFICATION_STATUSES_BEFORE}))`);
    await queryRunner.query(`DELETE FROM customer_events WHERE type IN ('reward-issued', 'unsubscribed')`);
    await queryRunner.query(`
      ALTER TABLE customer_events DROP CONSTRAINT customer_events_type_valid,
        ADD CONSTRAINT customer_events_type_valid CHECK (type IN (${EVENT_TYPES_BEFORE}))`);
    await queryRunner.query(`DROP TABLE rewards`);
    await queryRunner.query(`DROP TABLE referrals`);
    await queryRunner.query(`DROP TABLE loyalty_members`);
    await queryRunner.query(`ALTER TABLE stores DROP COLUMN referral_reward, DROP COLUMN welcome_reward`);
  }
}
