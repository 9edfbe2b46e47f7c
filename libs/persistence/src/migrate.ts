import { createDataSource } from './data-source.js';

// Any fixed number: every Ladder process that migrates takes the same advisory lock.
const MIGRATION_LOCK_ID = 7_418_230_115;

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies pending migrations. Several processes may start at once (api and worker replicas): an advisory
 * lock lets one migrate while the others wait, then find nothing left to do.
 */
export async function runMigrations(databaseUrl: string): Promise<MigrationReport> {
  const dataSource = createDataSource({ databaseUrl, applicationName: 'ladder-migrate', poolSize: 2 });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((migration) => migration.name) };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
