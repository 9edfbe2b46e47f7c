import { LADDER_CONFIG, type LadderConfig } from '#config';
import { Global, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { prepareStatementsOf } from './prepared-statements.js';
import { REPOSITORIES } from './repositories/index.js';
import { SchemaGuard } from './schema-guard.js';

/** Has the process's data source name the statements it runs again and again. */
@Injectable()
class PreparedStatements implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    prepareStatementsOf(this.dataSource);
  }
}

export interface PersistenceOptions {
  /** Name the statements run again and again, parsed and planned once per connection (a worker's). */
  preparedStatements?: boolean;
}

/** The database: one TypeORM data source per process and the repositories that hold every query. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(applicationName: string, options: PersistenceOptions = {}): DynamicModule {
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
      providers: [...REPOSITORIES, SchemaGuard, ...(options.preparedStatements ? [PreparedStatements] : [])],
      exports: [TypeOrmModule, ...REPOSITORIES],
    };
  }
}
