import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The customer model: derived state, the customer's event history, contacts, RFM boundaries, triage. */
export class CustomerModel1795500000000 implements MigrationInterface {
  name = 'CustomerModel1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE customers ADD COLUMN unsubscribed_at timestamptz`);

    await queryRunner.query(`
      ALTER TABLE survey_answers
        ADD COLUMN language text,
        ADD COLUMN themes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN quality text NOT NULL DEFAULT 'ok',
        ADD COLUMN quality_flags text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT survey_answers_quality_valid CHECK (quality IN ('ok', 'flagged'))`);

    await queryRunner.query(`
      ALTER TABLE nps_daily
        ADD COLUMN flagged_promoters integer NOT NULL DEFAULT 0,
        ADD COLUMN flagged_passives integer NOT NULL DEFAULT 0,
        ADD COLUMN flagged_detractors integer NOT NULL DEFAULT 0`);

    await queryRunner.query(`
      CREATE TABLE customer_state (
        customer_id text NOT NULL,
        stage text,
        stage_since timestamptz,
        moves_until timestamptz,
        home_store_id text,
        value_minor jsonb NOT NULL DEFAULT '{}',
        purchase_count integer NOT NULL DEFAULT 0,
        first_purchase_at timestamptz,
        last_purchase_at timestamptz,
        usual_interval_days double precision,
        last_score smallint,
        last_answer_at timestamptz,
        recency_score smallint,
        frequency_score smallint,
        monetary_score smallint,
        rfm_frequency integer,
        rfm_monetary_minor bigint,
        rfm_currency text,
        segment text NOT NULL,
        churn_level text NOT NULL DEFAULT 'none',
        churn_reasons jsonb NOT NULL DEFAULT '[]',
        next_review_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_state_pkey PRIMARY KEY (customer_id),
        CONSTRAINT customer_state_stage_valid CHECK (stage IN ('suspect', 'prospect', 'customer', 'client', 'advocate')),
        CONSTRAINT customer_state_churn_level_valid CHECK (churn_level IN ('none', 'watch', 'high'))
      )`);
    await queryRunner.query(
      `CREATE INDEX customer_state_review_idx ON customer_state (next_review_at) WHERE next_review_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX customer_state_home_store_idx ON customer_state (home_store_id, stage)`,
    );

    await queryRunner.query(`
      CREATE TABLE customer_events (
        id bigserial NOT NULL,
        customer_id text NOT NULL,
        type text NOT NULL,
        from_stage text,
        to_stage text,
        home_store_id text,
        details jsonb NOT NULL DEFAULT '{}',
        effective_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_events_pkey PRIMARY KEY (id),
        CONSTRAINT customer_events_type_valid
          CHECK (type IN ('stage-changed', 'churn-risk-changed', 'loyalty-joined', 'referral-converted'))
      )`);
    await queryRunner.query(`CREATE INDEX customer_events_customer_idx ON customer_events (customer_id, id)`);
    await queryRunner.query(
      `CREATE INDEX customer_events_moves_idx ON customer_events (home_store_id, effective_at) WHERE type = 'stage-changed'`,
    );

    await queryRunner.query(`
      CREATE TABLE customer_contacts (
        id bigserial NOT NULL,
        customer_id text NOT NULL,
        kind text NOT NULL,
        purpose text NOT NULL,
        notification_key text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_contacts_pkey PRIMARY KEY (id),
        CONSTRAINT customer_contacts_notification_key UNIQUE (notification_key),
        CONSTRAINT customer_contacts_kind_valid CHECK (kind IN ('marketing', 'service'))
      )`);
    await queryRunner.query(
      `CREATE INDEX customer_contacts_customer_idx ON customer_contacts (customer_id, at)`,
    );

    await queryRunner.query(`
      CREATE TABLE rfm_boundaries (
        dimension text NOT NULL,
        currency text NOT NULL DEFAULT '',
        boundaries double precision[] NOT NULL,
        customers integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rfm_boundaries_pkey PRIMARY KEY (dimension, currency),
        CONSTRAINT rfm_boundaries_dimension_valid CHECK (dimension IN ('recency', 'frequency', 'monetary'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rfm_boundaries', 'customer_contacts', 'customer_events', 'customer_state']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(
      `ALTER TABLE nps_daily DROP COLUMN flagged_promoters, DROP COLUMN flagged_passives, DROP COLUMN flagged_detractors`,
    );
    await queryRunner.query(`
      ALTER TABLE survey_answers DROP CONSTRAINT survey_answers_quality_valid,
        DROP COLUMN language, DROP COLUMN themes, DROP COLUMN quality, DROP COLUMN quality_flags`);
    await queryRunner.query(`ALTER TABLE customers DROP COLUMN unsubscribed_at`);
  }
}
