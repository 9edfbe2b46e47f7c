import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each case's first contact attempt, found by an index-only probe: queue health reads it for every case of
 * the period (tens of thousands across a chain's stores).
 */
export class ContactIndex1796800000000 implements MigrationInterface {
  name = 'ContactIndex1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_history_contact_idx ON case_history (case_id, at) WHERE action = 'contact'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX case_history_contact_idx');
  }
}
