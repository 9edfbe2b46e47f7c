import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

export class SchemaBehindError extends Error {
  readonly code = 'schema-behind';
}

/** Refuses to start on a database whose schema is behind the code: migrating is a deliberate step. */
@Injectable()
export class SchemaGuard implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (await this.dataSource.showMigrations()) {
      throw new SchemaBehindError(
        'The database schema is behind this version of Ladder: run `npm run migrate` first.',
      );
    }
  }
}
