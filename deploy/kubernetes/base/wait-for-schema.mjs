// The init container of every Ladder Deployment: waits until the database schema is the one this image's
// code expects, that is until the migration Job (`ladder migrate`) has run. Without it the pods would start,
// refuse the schema and crash-loop with a growing back-off; with it they wait in Init and start at once.
// Mounted at /app/ops in the image, so `#config` and `#persistence` resolve to the image's own build.
import { loadConfig, runEntryPoint } from '#config';
import { createDataSource } from '#persistence';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_EVERY_MS = 5_000;

/** True when no migration of this image is missing from the database. */
async function schemaIsCurrent(databaseUrl) {
  const dataSource = createDataSource({
    databaseUrl,
    applicationName: 'ladder-wait-for-schema',
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    return !(await dataSource.showMigrations());
  } finally {
    await dataSource.destroy();
  }
}

await runEntryPoint(async () => {
  // Invalid configuration stops here, naming every bad key, before the container that would fail the same way.
  const { databaseUrl } = loadConfig(process.env);
  for (;;) {
    try {
      if (await schemaIsCurrent(databaseUrl)) {
        process.stdout.write('The database schema is up to date.\n');
        return;
      }
      process.stdout.write('The database schema is behind this image: waiting for the migration Job.\n');
    } catch (error) {
      process.stdout.write(`The database cannot be read yet (${error.message}); trying again.\n`);
    }
    await sleep(POLL_EVERY_MS);
  }
});
