import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dead letter keeps its message's key byte for byte: a key that is not clean text (a NUL byte, broken
 * UTF-8) is shown readable in `message_key` and redriven from `message_key_bytes`, exactly as it came.
 */
export class DeadLetterKeys1795900000000 implements MigrationInterface {
  name = 'DeadLetterKeys1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE dead_letters ADD COLUMN message_key_bytes bytea');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE dead_letters DROP COLUMN message_key_bytes');
  }
}
