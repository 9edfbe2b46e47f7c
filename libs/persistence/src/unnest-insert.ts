import type { EntityManager, ObjectLiteral } from 'typeorm';
import { queryRows } from './query-rows.js';

export interface UnnestColumn<Row> {
  name: string;
  /** The PostgreSQL element type, e.g. `text`, `bigint`, `timestamptz`. */
  type: string;
  value: (row: Row) => unknown;
  /**
   * A cast applied after unnest: an array column travels as its text literal (`type: 'text'`, cast
   * `text[]`), since unnest would flatten a two-dimensional array.
   */
  cast?: string;
}

export interface UnnestInsert<Row> {
  table: string;
  columns: UnnestColumn<Row>[];
  rows: readonly Row[];
  /** Everything after `SELECT * FROM unnest(...)`: an ON CONFLICT clause and/or RETURNING. */
  tail?: string;
}

/**
 * One multi-row INSERT for a whole batch: each column travels as one array parameter and `unnest` turns
 * the arrays back into rows. One round trip and one statement whatever the batch size, and the number of
 * parameters never grows with it.
 */
export async function unnestInsert<Row, Result extends ObjectLiteral = ObjectLiteral>(
  manager: EntityManager,
  insert: UnnestInsert<Row>,
): Promise<Result[]> {
  if (insert.rows.length === 0) return [];
  const columnNames = insert.columns.map((column) => column.name).join(', ');
  const arrays = insert.columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const parameters = insert.columns.map((column) => insert.rows.map((row) => column.value(row)));
  const aliases = insert.columns.map((_, index) => `c${index}`);
  const selected = insert.columns.map((column, index) =>
    column.cast ? `c${index}::${column.cast}` : `c${index}`,
  );
  const sql = `INSERT INTO ${insert.table} (${columnNames})
    SELECT ${selected.join(', ')} FROM unnest(${arrays}) AS u(${aliases.join(', ')}) ${insert.tail ?? ''}`;
  const { rows } = await queryRows<Result>(manager, sql, parameters);
  return rows;
}
