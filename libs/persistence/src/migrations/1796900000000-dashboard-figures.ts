import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two figures of the manager's dashboard kept fast at a chain's size (docs/performance.md):
 * - a case's first contact attempt, kept on the case in the transaction that records it, so queue health
 *   reads the cases alone instead of probing each one's history (filled in here from the history);
 * - `GET /api/nps` bounded by an instant ("since the shift began at 08:00") counts the answers themselves,
 *   flagged ones too, by the time they were given (survey_answers_ok_time_idx holds only the good ones);
 * - the comment themes over time read the themed good answers of the period from an index alone.
 */
export class DashboardFigures1796900000000 implements MigrationInterface {
  name = 'DashboardFigures1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE follow_up_cases ADD COLUMN first_contact_at timestamptz');
    await queryRunner.query(
      `UPDATE follow_up_cases c SET first_contact_at = h.first
         FROM (SELECT case_id, min(at) AS first FROM case_history WHERE action = 'contact' GROUP BY case_id) AS h
        WHERE h.case_id = c.id`,
    );
    // What queue health probed each case's history with, no longer read.
    await queryRunner.query('DROP INDEX case_history_contact_idx');
    // Queue health's period: the cases opened in it and those resolved in it, whatever their store.
    await queryRunner.query('CREATE INDEX follow_up_cases_created_idx ON follow_up_cases (created_at)');
    await queryRunner.query(
      'CREATE INDEX follow_up_cases_resolved_at_idx ON follow_up_cases (resolved_at) WHERE resolved_at IS NOT NULL',
    );
    await queryRunner.query(`CREATE INDEX survey_answers_time_idx ON survey_answers (occurred_at)`);
    await queryRunner.query(
      `CREATE INDEX survey_answers_themes_idx ON survey_answers (occurred_at)
         INCLUDE (store_id, local_day, classification, themes) WHERE quality = 'ok' AND cardinality(themes) > 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX survey_answers_themes_idx');
    await queryRunner.query('DROP INDEX survey_answers_time_idx');
    await queryRunner.query('DROP INDEX follow_up_cases_resolved_at_idx');
    await queryRunner.query('DROP INDEX follow_up_cases_created_idx');
    await queryRunner.query(
      `CREATE INDEX case_history_contact_idx ON case_history (case_id, at) WHERE action = 'contact'`,
    );
    await queryRunner.query('ALTER TABLE follow_up_cases DROP COLUMN first_contact_at');
  }
}
