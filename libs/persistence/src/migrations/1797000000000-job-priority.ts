import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job's priority travels with it through the outbox: the notifications queue sends a manager's alert
 * before the customers' e-mails queued ahead of it (docs/performance.md).
 */
export class JobPriority1797000000000 implements MigrationInterface {
  name = 'JobPriority1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox ADD COLUMN priority integer');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN priority');
  }
}
