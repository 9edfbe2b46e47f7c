import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerContract } from 'typeorm';

/** What TypeORM hands the logger: the SQL, or a named statement (prepared-statements.ts) holding it. */
type Statement = string | { text: string };

function firstWords(statement: Statement): string {
  const text = typeof statement === 'string' ? statement : statement.text;
  return text.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/**
 * TypeORM's own logger prints a failed query with its parameters, which can hold e-mail addresses and
 * comments. This one logs the statement's first words and the error message only, through Nest's logger.
 */
export class TypeOrmLogger implements TypeOrmLoggerContract {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: Statement): void {
    this.logger.warn({
      message: 'query failed',
      statement: firstWords(query),
      code: typeof error === 'object' ? (error as { code?: string }).code : undefined,
      error: typeof error === 'string' ? error : error.message,
    });
  }

  logQuerySlow(time: number, query: Statement): void {
    this.logger.warn({
      message: 'slow query',
      milliseconds: time,
      statement: firstWords(query),
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
