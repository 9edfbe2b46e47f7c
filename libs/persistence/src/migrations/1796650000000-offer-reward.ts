import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A store's own cross-sell voucher (docs/promoter-loop.md, Cross-sell offers), in its own currency. */
export class OfferReward1796650000000 implements MigrationInterface {
  name = 'OfferReward1796650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stores ADD COLUMN offer_reward jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stores DROP COLUMN offer_reward');
  }
}
