import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A statement as node-postgres takes it: named, so each connection parses and plans it once. */
export interface NamedStatement {
  name: string;
  text: string;
}

/** Runs this many times unnamed first: a statement built for one call (a list spelt out) is never kept. */
const RUNS_BEFORE_NAMING = 3;
/** At most this many statements are kept per connection; any other runs unnamed. */
const MOST_NAMED = 400;
/** Longer statements are the reports', run now and then: PostgreSQL plans those for their parameters. */
const LONGEST_NAMED = 3_000;
const MOST_COUNTED = 5_000;

const preparing = new WeakSet<DataSource>();
const names = new Map<string, string>();
const runs = new Map<string, number>();
/** Statements whose kept form PostgreSQL refused (a migration changed what they return): never named again. */
const refused = new Set<string>();

/**
 * Has `dataSource` name the statements it runs again and again (node-postgres prepared statements): PostgreSQL
 * then parses and plans each once per connection instead of at every run. On the worker's hot path, single-row
 * statements by the thousand a second, that halves PostgreSQL's CPU time per statement (docs/performance.md).
 * Processes serving the dashboard leave it off, so that its reports are planned for each call's parameters.
 */
export function prepareStatementsOf(dataSource: DataSource): void {
  preparing.add(dataSource);
}

/** The statement to run: `sql` itself, or by name once it has run often enough. */
export function statementFor(
  dataSource: DataSource,
  sql: string,
  parameters: readonly unknown[],
): string | NamedStatement {
  // Without parameters a text may hold several statements, which a named statement cannot.
  if (parameters.length === 0 || !preparing.has(dataSource) || sql.length > LONGEST_NAMED) return sql;
  const named = names.get(sql);
  if (named) return { name: named, text: sql };
  if (names.size >= MOST_NAMED || refused.has(sql)) return sql;
  const seen = (runs.get(sql) ?? 0) + 1;
  if (seen < RUNS_BEFORE_NAMING) {
    // Texts built for one call would fill the count for good and keep a statement seen later from its name.
    if (runs.size >= MOST_COUNTED) runs.clear();
    runs.set(sql, seen);
    return sql;
  }
  runs.delete(sql);
  const name = `ladder_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
  names.set(sql, name);
  return { name, text: sql };
}

/**
 * A kept statement that can no longer be used on its connection: PostgreSQL refuses one whose result no
 * longer has the shape it was planned with ("cached plan must not change result type", 0A000, after a
 * migration altered a table under a running worker), or no longer has it at all (26000: node-postgres closes
 * a statement whose parameters it failed to serialise, yet keeps it as prepared). The statement runs unnamed
 * from then on; the failure itself is worth retrying (neither code is about the data).
 */
export function isStaleStatement(error: unknown): boolean {
  const code =
    (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return (code === '0A000' && /cached plan/i.test((error as Error).message)) || code === '26000';
}

export function refuseNaming(sql: string): void {
  names.delete(sql);
  refused.add(sql);
}
