import { loadConfig } from '#config';
import { ensureDatabase, runMigrations } from '#persistence';

/** `ladder migrate`: creates the database when it can and applies every pending migration. */
export async function migrateCommand(): Promise<void> {
  const config = loadConfig(process.env);
  try {
    if (await ensureDatabase(config.databaseUrl)) process.stdout.write('Created the database.\n');
  } catch (error) {
    // Without the right to create databases, the database must exist already; migrating will say so if not.
    process.stdout.write(
      `Could not check or create the database (${(error as Error).message}); migrating anyway.\n`,
    );
  }
  const report = await runMigrations(config.databaseUrl);
  process.stdout.write(
    report.applied.length === 0
      ? 'The database schema is up to date.\n'
      : `Applied ${report.applied.length} migration(s): ${report.applied.join(', ')}\n`,
  );
}
