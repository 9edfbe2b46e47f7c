import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-sell offers (docs/promoter-loop.md, Cross-sell offers): each learning of which categories go together
 * (its window, its baskets, its thresholds), the rules it found, and the offers made from them, with the
 * purchase that converted each. One offer per customer, category and offer period; a conversion once.
 */
export class CrossSell1796600000000 implements MigrationInterface {
  name = 'CrossSell1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cross_sell_learnings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        learned_at timestamptz NOT NULL,
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        baskets integer NOT NULL,
        thresholds jsonb NOT NULL,
        CONSTRAINT cross_sell_learnings_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE cross_sell_rules (
        learning_id uuid NOT NULL,
        antecedent text NOT NULL,
        consequent text NOT NULL,
        rank integer NOT NULL,
        baskets integer NOT NULL,
        antecedent_count integer NOT NULL,
        consequent_count integer NOT NULL,
        pair_count integer NOT NULL,
        support double precision NOT NULL,
        confidence double precision NOT NULL,
        lift double precision NOT NULL,
        CONSTRAINT cross_sell_rules_pkey PRIMARY KEY (learning_id, antecedent, consequent),
        CONSTRAINT cross_sell_rules_two_categories CHECK (antecedent <> consequent)
      )`);
    await queryRunner.query(`
      CREATE TABLE cross_sell_offers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_id text NOT NULL,
        store_id text NOT NULL,
        antecedent text NOT NULL,
        category text NOT NULL,
        learning_id uuid NOT NULL,
        confidence double precision NOT NULL,
        lift double precision NOT NULL,
        period_start timestamptz NOT NULL,
        reward_id uuid NOT NULL,
        notification_key text NOT NULL,
        offered_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        converted_at timestamptz,
        converting_purchase_event_id text,
        CONSTRAINT cross_sell_offers_pkey PRIMARY KEY (id),
        CONSTRAINT cross_sell_offers_once_key UNIQUE (customer_id, category, period_start),
        CONSTRAINT cross_sell_offers_conversion_whole
          CHECK ((converted_at IS NULL) = (converting_purchase_event_id IS NULL))
      )`);
    // Ingest looks up the open offers of each batch's customers.
    await queryRunner.query(`
      CREATE INDEX cross_sell_offers_open_idx ON cross_sell_offers (customer_id) WHERE converted_at IS NULL`);
    await queryRunner.query(
      'CREATE INDEX cross_sell_offers_rule_idx ON cross_sell_offers (antecedent, category, offered_at)',
    );
    await queryRunner.query(
      'CREATE INDEX cross_sell_offers_store_idx ON cross_sell_offers (store_id, offered_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cross_sell_offers');
    await queryRunner.query('DROP TABLE cross_sell_rules');
    await queryRunner.query('DROP TABLE cross_sell_learnings');
  }
}
