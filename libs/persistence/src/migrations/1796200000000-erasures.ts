import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure (docs/privacy.md): who erased which customer and when, without the customer. A customer is
 * remembered by a keyed hash of their id (HMAC-SHA256 with the database's own erasure key, made here at
 * random), so later events for them are counted under their pseudonym and store nothing personal, while
 * the table itself cannot be read back into ids.
 */
export class Erasures1796200000000 implements MigrationInterface {
  name = 'Erasures1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ladder_secrets (
        name text NOT NULL,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ladder_secrets_pkey PRIMARY KEY (name)
      )`);
    // 256 random bits from two random UUIDs (gen_random_uuid is core PostgreSQL; pgcrypto is not needed).
    await queryRunner.query(`
      INSERT INTO ladder_secrets (name, value)
      VALUES ('erasure-key', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'))`);
    await queryRunner.query(`
      CREATE TABLE erasures (
        id_hash text NOT NULL,
        pseudonym text NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now(),
        erased_by text NOT NULL,
        via text NOT NULL,
        cleared jsonb NOT NULL,
        CONSTRAINT erasures_pkey PRIMARY KEY (id_hash),
        CONSTRAINT erasures_via_valid CHECK (via IN ('api', 'cli'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE erasures');
    await queryRunner.query('DROP TABLE ladder_secrets');
  }
}
