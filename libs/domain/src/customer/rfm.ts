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

/** Purchases in one currency within the RFM window. */
export interface WindowSpend {
  currency: string;
  count: number;
  amountMinor: number;
  /** The latest of them (epoch ms). */
  lastAt: number;
}

export function rfmMetrics(facts: readonly CustomerFact[], now: Date, windowMs: number): RfmMetrics | null {
  const purchases = sortFacts(facts).filter(
    (fact): fact is Extract<CustomerFact, { kind: 'purchase' }> => fact.kind === 'purchase' && fact.at <= now,
  );
  const last = purchases[purchases.length - 1];
  return rfmMetricsOf(
    last ? { at: last.at.getTime(), currency: last.currency } : null,
    windowSpend(purchases, now, windowMs),
    now,
  );
}

/** The spend per currency of the purchases within the window before `now`. */
export function windowSpend(facts: readonly CustomerFact[], now: Date, windowMs: number): WindowSpend[] {
  const recent = new Map<string, WindowSpend>();
  for (const purchase of facts) {
    if (purchase.kind !== 'purchase' || purchase.at > now) continue;
    if (now.getTime() - purchase.at.getTime() > windowMs) continue;
    const entry = recent.get(purchase.currency) ?? {
      currency: purchase.currency,
      count: 0,
      amountMinor: 0,
      lastAt: -Infinity,
    };
    entry.count += 1;
    entry.amountMinor += purchase.amountMinor;
    entry.lastAt = Math.max(entry.lastAt, purchase.at.getTime());
    recent.set(purchase.currency, entry);
  }
  return [...recent.values()].sort((x, y) => (x.currency < y.currency ? -1 : 1));
}

/**
 * The metrics from the last purchase and the spend within the window, per currency. Without a purchase in
 * the window the customer is measured in the currency of their last purchase, with no spend.
 */
export function rfmMetricsOf(
  lastPurchase: { at: number; currency: string } | null,
  recent: readonly WindowSpend[],
  now: Date,
): RfmMetrics | null {
  if (!lastPurchase) return null;
  const candidates = recent.length
    ? recent
    : [{ currency: lastPurchase.currency, count: 1, amountMinor: 0, lastAt: lastPurchase.at }];
  const main = [...candidates].sort(
    (x, y) => y.count - x.count || y.lastAt - x.lastAt || (x.currency < y.currency ? -1 : 1),
  )[0]!;
  return {
    recencyDays: Math.floor((now.getTime() - lastPurchase.at) / DAY_MS),
    frequency: recent.reduce((sum, spend) => sum + spend.count, 0),
    monetary: { currency: main.currency, amountMinor: main.amountMinor },
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
