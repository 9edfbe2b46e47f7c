import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reconciler needs to work from PostgreSQL alone, and outbox rows that can be parked.
 *
 * The outbox publishes row by row outside any transaction: a row is claimed for a while (`claimed_until`),
 * published, then marked. A row the broker or the queue refuses for good is parked with its reason instead
 * of blocking the rows behind it; an operator sees it, mends the cause, and sends it again.
 */
export class Reconciliation1796000000000 implements MigrationInterface {
  name = 'Reconciliation1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text,
        ADD COLUMN parked_at timestamptz,
        ADD COLUMN park_reason text`);
    await queryRunner.query('DROP INDEX outbox_unpublished_idx');
    await queryRunner.query(
      'CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX outbox_parked_idx ON outbox (parked_at) WHERE parked_at IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL',
    );
    // The reconciler looks for recent answers that should have a case or an invitation.
    await queryRunner.query(
      `CREATE INDEX survey_answers_triggers_idx ON survey_answers (received_at) WHERE classification <> 'passive'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX survey_answers_triggers_idx');
    await queryRunner.query('DROP INDEX outbox_published_at_idx');
    await queryRunner.query('DROP INDEX outbox_parked_idx');
    await queryRunner.query('DROP INDEX outbox_unpublished_idx');
    await queryRunner.query('CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL');
    await queryRunner.query(`
      ALTER TABLE outbox
        DROP COLUMN claimed_until, DROP COLUMN attempts, DROP COLUMN last_error,
        DROP COLUMN parked_at, DROP COLUMN park_reason`);
  }
}
