import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The manager dashboard's reports (docs/customer-model.md, Dashboard reports): people and comment themes
 * count good-quality answers by store and time and read each employee's latest comments; the customer lists
 * page through customer_state most valuable first.
 */
export class DashboardIndexes1796700000000 implements MigrationInterface {
  name = 'DashboardIndexes1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX survey_answers_store_time_idx ON survey_answers (store_id, occurred_at) WHERE quality = 'ok'`,
    );
    // Without a store (an admin's, a region's view), the period alone narrows the answers.
    await queryRunner.query(
      `CREATE INDEX survey_answers_ok_time_idx ON survey_answers (occurred_at) WHERE quality = 'ok'`,
    );
    await queryRunner.query(
      `CREATE INDEX survey_answers_employee_idx ON survey_answers (employee_id, occurred_at)
         WHERE quality = 'ok' AND employee_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX customer_state_value_idx
         ON customer_state (coalesce(monetary_score, 0), coalesce(rfm_monetary_minor, 0), customer_id)`,
    );
    // The lapsed clients: a Client's fall for want of a purchase, looked up per customer.
    await queryRunner.query(
      `CREATE INDEX customer_events_lapse_idx ON customer_events (customer_id, effective_at)
         WHERE type = 'stage-changed' AND details->>'reason' = 'no-purchase-within-window'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX customer_events_lapse_idx');
    await queryRunner.query('DROP INDEX customer_state_value_idx');
    await queryRunner.query('DROP INDEX survey_answers_employee_idx');
    await queryRunner.query('DROP INDEX survey_answers_ok_time_idx');
    await queryRunner.query('DROP INDEX survey_answers_store_time_idx');
  }
}
