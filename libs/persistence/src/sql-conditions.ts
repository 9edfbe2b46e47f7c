import type { CaseScope } from './repositories/case.repository.js';

/**
 * A WHERE clause built from optional filters: each condition gets the numbered placeholders of its values,
 * in the order they are added, and `parameters` is the array to send with the query.
 */
export class SqlConditions {
  readonly parameters: unknown[];
  private readonly conditions: string[] = [];

  /** `initial` are parameters the query already numbers itself ($1…). */
  constructor(initial: unknown[] = []) {
    this.parameters = [...initial];
  }

  /** Adds `condition`, called with one placeholder per value. */
  add(condition: (...placeholders: string[]) => string, ...values: unknown[]): void {
    this.conditions.push(condition(...values.map((value) => this.parameter(value))));
  }

  /**
   * Limits `column` to the caller's stores; answers the placeholder of their ids so a subquery can use it
   * too, or null when the caller sees every store.
   */
  inScope(column: string, scope: CaseScope): string | null {
    if (scope.kind === 'all') return null;
    const placeholder = this.parameter(scope.storeIds);
    this.conditions.push(`${column} = ANY(${placeholder}::text[])`);
    return placeholder;
  }

  /** A value used outside the conditions (a LIMIT): its placeholder. */
  parameter(value: unknown): string {
    this.parameters.push(value);
    return `$${this.parameters.length}`;
  }

  /** `WHERE …` with every condition, or nothing when there are none. */
  where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }

  /** The conditions for a query that already has a WHERE: `AND …`, or nothing. */
  and(): string {
    return this.conditions.map((condition) => `AND ${condition}`).join(' ');
  }
}
