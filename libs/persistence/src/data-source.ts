import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { TypeOrmLogger } from './typeorm-logger.js';

export const MIGRATIONS_TABLE = 'ladder_migrations';

export interface DataSourceSettings {
  databaseUrl: string;
  /** Shown in pg_stat_activity, so a DBA can tell Ladder's roles apart. */
  applicationName?: string;
  poolSize?: number;
}

export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    logger: new TypeOrmLogger(),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 5_000,
    applicationName: settings.applicationName ?? 'ladder',
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      // A statement that hangs (a lock held by a stuck session) fails instead of stalling a batch forever.
      statement_timeout: 60_000,
      // PostgreSQL's JIT compiles any query it estimates costly, and on a dashboard report over a million
      // answers the compiling took longer than the query (275 of 575 ms): Ladder's queries are short.
      options: '-c jit=off',
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
