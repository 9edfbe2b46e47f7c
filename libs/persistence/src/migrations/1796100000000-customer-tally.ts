import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the customer model keeps of each customer's facts (sums, maxima, the last answers, the ladder's fold
 * and the last fact folded), so that a batch folds in only its new facts instead of reading a customer's
 * whole history. Null until the customer's state is next derived, which then reads the history once.
 */
export class CustomerTally1796100000000 implements MigrationInterface {
  name = 'CustomerTally1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE customer_state ADD COLUMN tally jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE customer_state DROP COLUMN tally');
  }
}
