import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source.js';
import { REPOSITORIES } from './repositories/index.js';
import { SchemaGuard } from './schema-guard.js';

/** The database: one TypeORM data source per process and the repositories that hold every query. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [LADDER_CONFIG],
          useFactory: (config: LadderConfig) => ({
            ...dataSourceOptions({ databaseUrl: config.databaseUrl, applicationName }),
            retryAttempts: 10,
            retryDelay: 2_000,
          }),
        }),
      ],
      providers: [...REPOSITORIES, SchemaGuard],
      exports: [TypeOrmModule, ...REPOSITORIES],
    };
  }
}
