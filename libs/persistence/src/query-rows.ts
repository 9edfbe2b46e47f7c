import type { EntityManager, ObjectLiteral } from 'typeorm';
import { isStaleStatement, refuseNaming, statementFor } from './prepared-statements.js';

/**
 * Runs SQL and returns its rows and affected count the same way for every statement. (TypeORM's
 * `manager.query` returns `[rows, count]` for UPDATE and DELETE but plain rows otherwise.) A statement the
 * process runs again and again goes by name, parsed and planned once per connection (prepared-statements.ts).
 */
export async function queryRows<Row extends ObjectLiteral = ObjectLiteral>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<{ rows: Row[]; affected: number }> {
  const ownRunner = manager.queryRunner ? null : manager.connection.createQueryRunner();
  const runner = manager.queryRunner ?? ownRunner!;
  const statement = statementFor(manager.connection, sql, parameters);
  try {
    // TypeORM hands the statement to node-postgres as it is, which takes a named one as well as a text.
    const result = await runner.query(statement as string, parameters, true).catch((error: unknown) => {
      if (typeof statement === 'string' || !isStaleStatement(error)) throw error;
      refuseNaming(sql);
      // Inside a transaction the failure has aborted it: it is retried whole, unnamed from now on.
      if (runner.isTransactionActive) throw error;
      return runner.query(sql, parameters, true);
    });
    return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
  } finally {
    await ownRunner?.release();
  }
}
