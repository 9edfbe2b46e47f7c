import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerContract } from 'typeorm';

/**
 * TypeORM's own logger prints a failed query with its parameters, which can hold e-mail addresses and
 * comments. This one logs the statement's first words and the error message only, through Nest's logger.
 */
export class TypeOrmLogger implements TypeOrmLoggerContract {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({
      message: 'query failed',
      statement: query.replace(/\s+/g, ' ').trim().slice(0, 80),
      code: typeof error === 'object' ? (error as { code?: string }).code : undefined,
      error: typeof error === 'string' ? error : error.message,
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({
      message: 'slow query',
      milliseconds: time,
      statement: query.replace(/\s+/g, ' ').trim().slice(0, 80),
    });
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log({ message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message: String(message) });
  }
}
