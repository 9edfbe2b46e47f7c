import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Closing the loop: API tokens, the case workflow, escalation, recovery. */
export class ClosingTheLoop1795600000000 implements MigrationInterface {
  name = 'ClosingTheLoop1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL,
        all_stores boolean NOT NULL DEFAULT false,
        store_ids text[] NOT NULL DEFAULT '{}',
        region_ids text[] NOT NULL DEFAULT '{}',
        token_hash text NOT NULL,
        token_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT api_tokens_pkey PRIMARY KEY (id),
        CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash),
        CONSTRAINT api_tokens_role_valid CHECK (role IN ('agent', 'manager', 'admin'))
      )`);

    await queryRunner.query(`
      ALTER TABLE follow_up_cases
        ADD COLUMN owner_name text,
        ADD COLUMN outcome text,
        ADD COLUMN contact_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN escalation_level integer NOT NULL DEFAULT 0,
        ADD COLUMN last_escalated_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN reopen_count integer NOT NULL DEFAULT 0,
        ADD COLUMN recovery_status text NOT NULL DEFAULT 'not-applicable',
        ADD COLUMN recovered_at timestamptz,
        ADD COLUMN recovered_by text,
        ADD COLUMN resurvey_requested_at timestamptz,
        ADD CONSTRAINT follow_up_cases_outcome_valid CHECK (outcome IN ('resolved', 'unreachable')),
        ADD CONSTRAINT follow_up_cases_recovery_valid
          CHECK (recovery_status IN ('not-applicable', 'waiting', 'recovered'))`);
    await queryRunner.query(`
      CREATE INDEX follow_up_cases_due_idx ON follow_up_cases (due_at)
        WHERE status IN ('open', 'claimed', 'contact-attempted', 'contacted')`);
    await queryRunner.query(`
      CREATE INDEX follow_up_cases_recovery_idx ON follow_up_cases (customer_id)
        WHERE recovery_status = 'waiting'`);
    await queryRunner.query(
      `CREATE INDEX follow_up_cases_resolved_idx ON follow_up_cases (store_id, resolved_at)`,
    );
    // A job decided now to run later (an escalation when the case falls due) keeps its time in the outbox.
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN run_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN run_at`);
    await queryRunner.query(`DROP INDEX follow_up_cases_resolved_idx`);
    await queryRunner.query(`DROP INDEX follow_up_cases_recovery_idx`);
    await queryRunner.query(`DROP INDEX follow_up_cases_due_idx`);
    await queryRunner.query(`
      ALTER TABLE follow_up_cases
        DROP CONSTRAINT follow_up_cases_recovery_valid, DROP CONSTRAINT follow_up_cases_outcome_valid,
        DROP COLUMN owner_name, DROP COLUMN outcome, DROP COLUMN contact_attempts, DROP COLUMN escalation_level,
        DROP COLUMN last_escalated_at, DROP COLUMN closed_at, DROP COLUMN reopen_count, DROP COLUMN recovery_status,
        DROP COLUMN recovered_at, DROP COLUMN recovered_by, DROP COLUMN resurvey_requested_at`);
    await queryRunner.query(`DROP TABLE api_tokens`);
  }
}
