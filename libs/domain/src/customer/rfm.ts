import { DAY_MS, sortFacts, type CustomerFact } from './customer-fact.js';

/** Recency, frequency and monetary value, each scored 1 (worst) to 5 (best) against the customer base. */
export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
}

export interface RfmMetrics {
  /** Whole days since the last purchase. */
  recencyDays: number;
  /** Purchases within the RFM window. */
  frequency: number;
  /** Spend within the window in the customer's main currency (the one they bought in most often). */
  monetary: { currency: string; amountMinor: number };
}

/** Quintile boundaries (20th, 40th, 60th, 80th percentiles) of the customer base, per metric. */
export interface RfmBoundaries {
  recencyDays: number[];
  frequency: number[];
  monetary: Record<string, number[]>;
}

export function rfmMetrics(facts: readonly CustomerFact[], now: Date, windowMs: number): RfmMetrics | null {
  const purchases = sortFacts(facts).filter(
    (fact): fact is Extract<CustomerFact, { kind: 'purchase' }> => fact.kind === 'purchase' && fact.at <= now,
  );
  const last = purchases[purchases.length - 1];
  if (!last) return null;
  const recent = purchases.filter((purchase) => now.getTime() - purchase.at.getTime() <= windowMs);
  const byCurrency = new Map<string, { count: number; amount: number; lastAt: number }>();
  for (const purchase of recent.length ? recent : [last]) {
    const entry = byCurrency.get(purchase.currency) ?? { count: 0, amount: 0, lastAt: 0 };
    entry.count += 1;
    entry.amount += recent.length ? purchase.amountMinor : 0;
    entry.lastAt = Math.max(entry.lastAt, purchase.at.getTime());
    byCurrency.set(purchase.currency, entry);
  }
  const [currency, totals] = [...byCurrency].sort(
    ([a, x], [b, y]) => y.count - x.count || y.lastAt - x.lastAt || (a < b ? -1 : 1),
  )[0]!;
  return {
    recencyDays: Math.floor((now.getTime() - last.at.getTime()) / DAY_MS),
    frequency: recent.length,
    monetary: { currency, amountMinor: totals.amount },
  };
}

/** The 20/40/60/80th percentiles of a list (nearest rank); empty for an empty list. */
export function quintileBoundaries(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  return [0.2, 0.4, 0.6, 0.8].map(
    (share) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!,
  );
}

export function rfmBoundaries(metrics: readonly RfmMetrics[]): RfmBoundaries {
  const currencies = [...new Set(metrics.map((metric) => metric.monetary.currency))].sort();
  return {
    recencyDays: quintileBoundaries(metrics.map((metric) => metric.recencyDays)),
    frequency: quintileBoundaries(metrics.map((metric) => metric.frequency)),
    monetary: Object.fromEntries(
      currencies.map((currency) => [
        currency,
        quintileBoundaries(
          metrics
            .filter((metric) => metric.monetary.currency === currency)
            .map((metric) => metric.monetary.amountMinor),
        ),
      ]),
    ),
  };
}

/** 1 + how many boundaries the value is above: equal values always score the same. */
function higherIsBetter(value: number, boundaries: readonly number[]): number {
  return boundaries.length === 0 ? 3 : 1 + boundaries.filter((boundary) => value > boundary).length;
}

export function rfmScores(metrics: RfmMetrics, boundaries: RfmBoundaries): RfmScores {
  const recencyBoundaries = boundaries.recencyDays;
  return {
    // Fewer days since the last purchase is better.
    recency:
      recencyBoundaries.length === 0
        ? 3
        : 5 - recencyBoundaries.filter((boundary) => metrics.recencyDays > boundary).length,
    frequency: higherIsBetter(metrics.frequency, boundaries.frequency),
    monetary: higherIsBetter(
      metrics.monetary.amountMinor,
      boundaries.monetary[metrics.monetary.currency] ?? [],
    ),
  };
}

export const SEGMENTS = [
  'champions',
  'loyal',
  'potential',
  'new',
  'needs-attention',
  'at-risk',
  'hibernating',
  'lost',
  'prospect',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * The named segment of an RFM score (first rule that matches; documented in docs/customer-model.md):
 *   champions        R ≥ 4, F ≥ 4, M ≥ 4
 *   loyal            F ≥ 4, R ≥ 3
 *   potential        R ≥ 4, F 2–3
 *   new              R ≥ 4, F = 1
 *   needs-attention  R = 3, F ≤ 3
 *   at-risk          R ≤ 2, F ≥ 3
 *   hibernating      R = 2, F ≤ 2
 *   lost             R = 1, F ≤ 2
 *   prospect         no purchase yet
 */
export function segmentOf(scores: RfmScores | null): Segment {
  if (scores === null) return 'prospect';
  const { recency: r, frequency: f, monetary: m } = scores;
  if (r >= 4 && f >= 4 && m >= 4) return 'champions';
  if (f >= 4 && r >= 3) return 'loyal';
  if (r >= 4 && f >= 2) return 'potential';
  if (r >= 4) return 'new';
  if (r === 3) return 'needs-attention';
  if (f >= 3) return 'at-risk';
  return r === 2 ? 'hibernating' : 'lost';
}
