import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running Ladder in production: an answer keeps the time it arrived in Kafka, so the latency from a
 * detractor's answer to its case and its alert can be measured end to end. Older answers have none.
 */
export class Operations1795800000000 implements MigrationInterface {
  name = 'Operations1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE survey_answers ADD COLUMN produced_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE survey_answers DROP COLUMN produced_at');
  }
}
