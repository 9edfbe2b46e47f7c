import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The walking skeleton's schema: facts, the directory, the NPS read model, cases, e-mail, outbox. */
export class InitialSchema1795400000000 implements MigrationInterface {
  name = 'InitialSchema1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE processed_events (
        event_id text NOT NULL,
        topic text NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT processed_events_pkey PRIMARY KEY (event_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE customers (
        id text NOT NULL,
        email text,
        phone text,
        name text,
        locale text,
        contact_observed_at timestamptz NOT NULL,
        marketing_consent boolean,
        consent_observed_at timestamptz,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customers_pkey PRIMARY KEY (id)
      )`);

    await queryRunner.query(`
      CREATE TABLE regions (
        id text NOT NULL,
        name text NOT NULL,
        manager_name text NOT NULL,
        manager_email text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT regions_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE stores (
        id text NOT NULL,
        name text NOT NULL,
        region_id text NOT NULL,
        timezone text NOT NULL,
        locale text NOT NULL,
        manager_name text NOT NULL,
        manager_email text NOT NULL,
        follow_up_sla_ms bigint,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stores_pkey PRIMARY KEY (id),
        CONSTRAINT stores_region_fkey FOREIGN KEY (region_id) REFERENCES regions (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE employees (
        id text NOT NULL,
        name text NOT NULL,
        store_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employees_pkey PRIMARY KEY (id),
        CONSTRAINT employees_store_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE survey_answers (
        event_id text NOT NULL,
        customer_id text NOT NULL,
        store_id text NOT NULL,
        employee_id text,
        order_id text,
        score smallint NOT NULL,
        classification text NOT NULL,
        comment text,
        channel text,
        marketing_consent boolean,
        occurred_at timestamptz NOT NULL,
        local_day date NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT survey_answers_pkey PRIMARY KEY (event_id),
        CONSTRAINT survey_answers_score_range CHECK (score BETWEEN 0 AND 10),
        CONSTRAINT survey_answers_classification_valid CHECK (classification IN ('promoter', 'passive', 'detractor'))
      )`);
    await queryRunner.query(
      `CREATE INDEX survey_answers_customer_idx ON survey_answers (customer_id, occurred_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX survey_answers_store_day_idx ON survey_answers (store_id, local_day)`,
    );

    await queryRunner.query(`
      CREATE TABLE purchases (
        event_id text NOT NULL,
        customer_id text NOT NULL,
        store_id text NOT NULL,
        employee_id text,
        order_id text NOT NULL,
        amount_minor bigint NOT NULL,
        currency text NOT NULL,
        items jsonb,
        channel text,
        referral_code text,
        occurred_at timestamptz NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT purchases_pkey PRIMARY KEY (event_id),
        CONSTRAINT purchases_amount_not_negative CHECK (amount_minor >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX purchases_customer_idx ON purchases (customer_id, occurred_at)`);
    await queryRunner.query(
      `CREATE INDEX purchases_referral_code_idx ON purchases (referral_code) WHERE referral_code IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE leads (
        event_id text NOT NULL,
        customer_id text NOT NULL,
        store_id text NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT leads_pkey PRIMARY KEY (event_id),
        CONSTRAINT leads_kind_valid CHECK (kind IN ('seen-ad', 'showed-interest', 'signed-up'))
      )`);
    await queryRunner.query(`CREATE INDEX leads_customer_idx ON leads (customer_id, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE nps_daily (
        store_id text NOT NULL,
        employee_id text NOT NULL DEFAULT '',
        day date NOT NULL,
        promoters integer NOT NULL DEFAULT 0,
        passives integer NOT NULL DEFAULT 0,
        detractors integer NOT NULL DEFAULT 0,
        CONSTRAINT nps_daily_pkey PRIMARY KEY (store_id, employee_id, day)
      )`);
    await queryRunner.query(`CREATE INDEX nps_daily_day_idx ON nps_daily (day)`);

    await queryRunner.query(`
      CREATE TABLE follow_up_cases (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_id text NOT NULL,
        store_id text NOT NULL,
        status text NOT NULL,
        priority integer NOT NULL,
        owner_id text,
        opened_by_event_id text NOT NULL,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        root_cause text,
        resolution text,
        CONSTRAINT follow_up_cases_pkey PRIMARY KEY (id),
        CONSTRAINT follow_up_cases_opened_by_event_key UNIQUE (opened_by_event_id),
        CONSTRAINT follow_up_cases_status_valid
          CHECK (status IN ('open', 'claimed', 'contact-attempted', 'contacted', 'resolved', 'closed'))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX follow_up_cases_one_active_idx ON follow_up_cases (customer_id, store_id)
        WHERE status IN ('open', 'claimed', 'contact-attempted', 'contacted')`);
    await queryRunner.query(
      `CREATE INDEX follow_up_cases_queue_idx ON follow_up_cases (store_id, status, priority)`,
    );

    await queryRunner.query(`
      CREATE TABLE case_answers (
        survey_event_id text NOT NULL,
        case_id uuid NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_answers_pkey PRIMARY KEY (survey_event_id),
        CONSTRAINT case_answers_case_fkey FOREIGN KEY (case_id) REFERENCES follow_up_cases (id) ON DELETE CASCADE,
        CONSTRAINT case_answers_answer_fkey FOREIGN KEY (survey_event_id) REFERENCES survey_answers (event_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_answers_case_idx ON case_answers (case_id)`);

    await queryRunner.query(`
      CREATE TABLE case_history (
        id bigserial NOT NULL,
        case_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT case_history_pkey PRIMARY KEY (id),
        CONSTRAINT case_history_case_fkey FOREIGN KEY (case_id) REFERENCES follow_up_cases (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX case_history_case_idx ON case_history (case_id, id)`);

    await queryRunner.query(`
      CREATE TABLE loyalty_invitations (
        customer_id text NOT NULL,
        store_id text NOT NULL,
        survey_event_id text NOT NULL,
        referral_code text NOT NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT loyalty_invitations_pkey PRIMARY KEY (customer_id),
        CONSTRAINT loyalty_invitations_referral_code_key UNIQUE (referral_code)
      )`);

    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key text NOT NULL,
        kind text NOT NULL,
        recipient_email text NOT NULL,
        recipient_name text,
        locale text NOT NULL,
        subject_ids jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT notifications_pkey PRIMARY KEY (id),
        CONSTRAINT notifications_key_key UNIQUE (key),
        CONSTRAINT notifications_status_valid CHECK (status IN ('pending', 'sending', 'sent', 'failed'))
      )`);
    await queryRunner.query(`CREATE INDEX notifications_status_idx ON notifications (status, created_at)`);

    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigserial NOT NULL,
        kind text NOT NULL,
        destination text NOT NULL,
        message_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CONSTRAINT outbox_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_kind_valid CHECK (kind IN ('kafka', 'job'))
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id bigserial NOT NULL,
        source_topic text NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        message_key text,
        value bytea,
        reason_code text NOT NULL,
        reason_message text NOT NULL,
        fields jsonb,
        rejected_at timestamptz NOT NULL DEFAULT now(),
        redriven_at timestamptz,
        CONSTRAINT dead_letters_pkey PRIMARY KEY (id),
        CONSTRAINT dead_letters_source_key UNIQUE (source_topic, source_partition, source_offset)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dead_letters',
      'outbox',
      'notifications',
      'loyalty_invitations',
      'case_history',
      'case_answers',
      'follow_up_cases',
      'nps_daily',
      'leads',
      'purchases',
      'survey_answers',
      'employees',
      'stores',
      'regions',
      'customers',
      'processed_events',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
