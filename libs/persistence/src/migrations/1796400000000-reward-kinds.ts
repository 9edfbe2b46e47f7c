import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'welcome', 'referral'`;
const KINDS = `${KINDS_BEFORE}, 'points', 'consultation', 'offer'`;

/**
 * Three more kinds of voucher in the reward ledger (docs/promoter-loop.md): points turned into a voucher, a
 * member tier's free consultation, and a cross-sell offer's member discount.
 */
export class RewardKinds1796400000000 implements MigrationInterface {
  name = 'RewardKinds1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE rewards DROP CONSTRAINT rewards_kind_valid,
        ADD CONSTRAINT rewards_kind_valid CHECK (kind IN (${KINDS}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM rewards WHERE kind NOT IN (${KINDS_BEFORE})`);
    await queryRunner.query(`
      ALTER TABLE rewards DROP CONSTRAINT rewards_kind_valid,
        ADD CONSTRAINT rewards_kind_valid CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}
