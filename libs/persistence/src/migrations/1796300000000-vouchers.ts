import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vouchers redeemed (docs/promoter-loop.md, Vouchers): the code a purchase paid with, what became of it
 * (redeemed once, or refused with its reason), and refunds, which give back what the purchase used.
 */
export class Vouchers1796300000000 implements MigrationInterface {
  name = 'Vouchers1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE purchases ADD COLUMN voucher_code text');
    await queryRunner.query(`
      CREATE TABLE refunds (
        event_id text NOT NULL,
        customer_id text NOT NULL,
        store_id text NOT NULL,
        refund_of text NOT NULL,
        amount_minor bigint NOT NULL,
        currency text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refunds_pkey PRIMARY KEY (event_id)
      )`);
    await queryRunner.query('CREATE INDEX refunds_refund_of_idx ON refunds (refund_of)');
    await queryRunner.query(`
      CREATE TABLE voucher_redemptions (
        purchase_event_id text NOT NULL,
        voucher_code text NOT NULL,
        customer_id text NOT NULL,
        store_id text NOT NULL,
        reward_id uuid,
        outcome text NOT NULL,
        detail text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        reversed_at timestamptz,
        reversed_by text,
        CONSTRAINT voucher_redemptions_pkey PRIMARY KEY (purchase_event_id),
        CONSTRAINT voucher_redemptions_outcome_valid
          CHECK (outcome IN ('redeemed', 'used', 'expired', 'foreign', 'unknown'))
      )`);
    // A voucher is redeemed once: a second live redemption of the same reward cannot be written.
    await queryRunner.query(`
      CREATE UNIQUE INDEX voucher_redemptions_once_idx ON voucher_redemptions (reward_id)
        WHERE outcome = 'redeemed' AND reversed_at IS NULL`);
    await queryRunner.query(
      'CREATE INDEX voucher_redemptions_store_idx ON voucher_redemptions (store_id, decided_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE voucher_redemptions');
    await queryRunner.query('DROP TABLE refunds');
    await queryRunner.query('ALTER TABLE purchases DROP COLUMN voucher_code');
  }
}
