import { createTestEnvironment, type TestEnvironment } from '#testing';
import { createDataSource } from './data-source.js';
import { MIGRATIONS } from './migrations/index.js';

describe('the database schema', () => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment('schema');
  });

  afterAll(async () => {
    await environment?.cleanup();
  });

  it('is exactly what the entities describe, so no entity changes without a migration', async () => {
    const dataSource = createDataSource({ databaseUrl: environment.config.databaseUrl });
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('migrates every step down to nothing and up again', async () => {
    const dataSource = createDataSource({ databaseUrl: environment.config.databaseUrl });
    await dataSource.initialize();
    try {
      for (let step = 0; step < MIGRATIONS.length; step += 1) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'ladder_migrations'`,
      );
      expect(tables).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(true);
      await dataSource.runMigrations();
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
