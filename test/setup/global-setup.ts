import { formatStackReport, LOCAL_DATABASE_URL, stackUp } from '#local-stack';
import { ensureDatabase, runMigrations } from '#persistence';
import { dropDatabase } from '#testing';
import { TEMPLATE_DATABASE } from '#testing';

let prepared = false;

/**
 * Brings the local stack up (only what is not running) and migrates a template database that each test
 * file clones into its own fresh database. Runs once per Jest run, for the projects that need services.
 */
export default async function globalSetup(): Promise<void> {
  if (prepared) return;
  prepared = true;
  const report = await stackUp();
  if (report.services.some((service) => service.status === 'started')) {
    process.stdout.write(`\nLocal stack for the tests:\n${formatStackReport(report.services)}\n`);
  }
  const templateUrl = LOCAL_DATABASE_URL.replace(/\/ladder$/, `/${TEMPLATE_DATABASE}`);
  await dropDatabase(templateUrl);
  await ensureDatabase(templateUrl);
  await runMigrations(templateUrl);
}
