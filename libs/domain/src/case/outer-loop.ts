import { addDays, isoWeek } from '../calendar.js';

const WEEK_MS = 7 * 86_400_000;

/** The outer-loop report looks back this many weeks… */
export const OUTER_LOOP_WEEKS = 4;
/** …and a root cause found in at least this many of them keeps coming back. */
export const RECURRING_WEEKS = 3;

export interface ResolvedRootCause {
  storeId: string;
  rootCause: string;
  resolvedAt: Date;
}

export interface RootCauseTrend {
  rootCause: string;
  /** Cases per week, oldest week first. */
  perWeek: number[];
  total: number;
  recurring: boolean;
  stores: string[];
}

/** The weeks before `until`, oldest first, each [from, to). */
export function outerLoopWeeks(until: Date, weeks = OUTER_LOOP_WEEKS): Array<{ from: Date; to: Date }> {
  return Array.from({ length: weeks }, (_, index) => ({
    from: new Date(until.getTime() - (weeks - index) * WEEK_MS),
    to: new Date(until.getTime() - (weeks - index - 1) * WEEK_MS),
  }));
}

/**
 * The root causes of resolved cases, week by week (docs/closing-the-loop.md): those found in three weeks of
 * the four or more come first, as the ones management must fix above the store; then by count. Cases outside
 * the weeks are ignored.
 */
export function rootCauseTrends(
  resolved: readonly ResolvedRootCause[],
  weeks: ReadonlyArray<{ from: Date; to: Date }>,
): RootCauseTrend[] {
  const byCause = new Map<string, { perWeek: number[]; stores: Set<string> }>();
  for (const item of resolved) {
    const week = weeks.findIndex((range) => item.resolvedAt >= range.from && item.resolvedAt < range.to);
    if (week < 0) continue;
    const entry = byCause.get(item.rootCause) ?? {
      perWeek: Array<number>(weeks.length).fill(0),
      stores: new Set<string>(),
    };
    entry.perWeek[week]! += 1;
    entry.stores.add(item.storeId);
    byCause.set(item.rootCause, entry);
  }
  return [...byCause]
    .map(([rootCause, entry]) => ({
      rootCause,
      perWeek: entry.perWeek,
      total: entry.perWeek.reduce((sum, count) => sum + count, 0),
      recurring: entry.perWeek.filter((count) => count > 0).length >= RECURRING_WEEKS,
      stores: [...entry.stores].sort(),
    }))
    .sort(
      (a, b) =>
        Number(b.recurring) - Number(a.recurring) ||
        b.total - a.total ||
        a.rootCause.localeCompare(b.rootCause),
    );
}

/**
 * The ISO weeks the outer loop looks back over from a report's last local day: that day's week and the
 * OUTER_LOOP_WEEKS − 1 before it, oldest first.
 */
export function outerLoopIsoWeeks(lastDay: string, weeks = OUTER_LOOP_WEEKS): string[] {
  return Array.from({ length: weeks }, (_, index) => isoWeek(addDays(lastDay, -7 * (weeks - 1 - index))));
}

/**
 * Whether a root cause keeps coming back, by the outer loop's rule: it was found in at least RECURRING_WEEKS
 * of the outer loop's weeks (`lookBack`, from outerLoopIsoWeeks). `weeksFound` are the ISO weeks with cases.
 */
export function keepsComingBack(weeksFound: readonly string[], lookBack: readonly string[]): boolean {
  const found = new Set(weeksFound);
  return lookBack.filter((week) => found.has(week)).length >= RECURRING_WEEKS;
}
