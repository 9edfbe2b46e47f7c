import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Runs SQL and returns its rows and affected count the same way for every statement. (TypeORM's
 * `manager.query` returns `[rows, count]` for UPDATE and DELETE but plain rows otherwise.)
 */
export async function queryRows<Row extends ObjectLiteral = ObjectLiteral>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<{ rows: Row[]; affected: number }> {
  const ownRunner = manager.queryRunner ? null : manager.connection.createQueryRunner();
  const runner = manager.queryRunner ?? ownRunner!;
  try {
    const result = await runner.query(sql, parameters, true);
    return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
  } finally {
    await ownRunner?.release();
  }
}
