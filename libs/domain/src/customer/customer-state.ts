import { churnRiskOf, usualPurchaseInterval, type ChurnRisk, type ChurnRules } from './churn.js';
import { factPosition, sortFacts, type CustomerFact, type FactPosition } from './customer-fact.js';
import {
  advanceLadder,
  LADDER_START,
  type LadderFold,
  type LadderRules,
  type Stage,
  type StageTransition,
} from './ladder.js';
import {
  rfmMetricsOf,
  rfmScores,
  windowSpend,
  type WindowSpend,
  segmentOf,
  type RfmBoundaries,
  type RfmMetrics,
  type RfmScores,
  type Segment,
} from './rfm.js';

export interface CustomerModelRules {
  ladder: LadderRules;
  churn: ChurnRules;
  /** RFM looks at purchases within this window (default 365 days). */
  rfmWindowMs: number;
}

/** Everything Ladder derives about a customer, from their facts and the time alone. */
export interface CustomerState {
  stage: Stage | null;
  stageSince: Date | null;
  /** The store the customer deals with most (purchases, answers and leads), the latest on a tie. */
  homeStoreId: string | null;
  /** Lifetime spend per currency, in minor units: currencies are never added together. */
  valueMinor: Record<string, number>;
  purchaseCount: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  usualIntervalDays: number | null;
  lastScore: number | null;
  lastAnswerAt: Date | null;
  rfm: (RfmScores & { metrics: RfmMetrics }) | null;
  segment: Segment;
  churn: ChurnRisk;
  /** The next instant the state changes by time alone: the sweep looks at the customer again then. */
  nextReviewAt: Date | null;
}

/**
 * What Ladder keeps of a customer's facts, in place of reading them all again: lifetime sums and maxima,
 * the last answers, the ladder's fold and the last fact folded. Later facts are folded into it in order;
 * a fact that sorts before `through` (it arrived late) needs a fold from the start.
 */
export interface CustomerTally {
  through: FactPosition | null;
  ladder: LadderFold;
  valueMinor: Record<string, number>;
  purchaseCount: number;
  /** Epoch ms. */
  firstPurchaseAt: number | null;
  lastPurchase: { at: number; currency: string } | null;
  /** The last two answers, the older first. */
  lastAnswers: Array<{ at: number; score: number }>;
  /** Facts per store, and the latest of them: the customer's home store is where they deal most. */
  stores: Record<string, { count: number; lastAt: number }>;
}

export const EMPTY_TALLY: CustomerTally = {
  through: null,
  ladder: LADDER_START,
  valueMinor: {},
  purchaseCount: 0,
  firstPurchaseAt: null,
  lastPurchase: null,
  lastAnswers: [],
  stores: {},
};

/**
 * What the state reads beyond the tally, over windows of the customer's purchases that the caller reads
 * where they are kept (PostgreSQL computes both without sending the purchases).
 */
export interface CustomerWindows {
  /** The middle gap between consecutive purchases up to now, in days (null under the rules' minimum). */
  usualIntervalDays: number | null;
  /** Spend per currency within the RFM window before now. */
  recentSpend: WindowSpend[];
}

export interface CustomerAdvance {
  state: CustomerState;
  /** The tally after the facts (for the next advance to go on from). */
  tally: CustomerTally;
  /** The ladder's moves after the starting tally, falls by time alone up to `now` included. */
  transitions: StageTransition[];
}

/**
 * The customer's state, derived from the stored facts: the same facts give the same state whatever order
 * they arrived in. `boundaries` place the customer's RFM metrics against the customer base.
 */
export function deriveCustomerState(
  facts: readonly CustomerFact[],
  rules: CustomerModelRules,
  boundaries: RfmBoundaries,
  now: Date,
): CustomerState {
  return advanceCustomer(EMPTY_TALLY, facts, rules, boundaries, windowsOf(facts, rules, now), now).state;
}

/** The windows read from the facts themselves, as PostgreSQL reads them from the stored ones. */
export function windowsOf(
  facts: readonly CustomerFact[],
  rules: CustomerModelRules,
  now: Date,
): CustomerWindows {
  const known = facts.filter((fact) => fact.at.getTime() <= now.getTime());
  return {
    usualIntervalDays: usualPurchaseInterval(known, rules.churn.minimumPurchases),
    recentSpend: windowSpend(known, now, rules.rfmWindowMs),
  };
}

/**
 * Goes on from `start` with `facts`, which must all sort after `start.through` (facts after `now` are
 * left out, for a later advance to take in), and derives the state at `now`.
 */
export function advanceCustomer(
  start: CustomerTally,
  facts: readonly CustomerFact[],
  rules: CustomerModelRules,
  boundaries: RfmBoundaries,
  windows: CustomerWindows,
  now: Date,
): CustomerAdvance {
  const known = sortFacts(facts).filter((fact) => fact.at.getTime() <= now.getTime());
  const tally = foldTally(start, known);
  const ladder = advanceLadder(start.ladder, known, rules.ladder, now);
  tally.ladder = ladder.folded;
  const position = ladder.position;
  const metrics = rfmMetricsOf(tally.lastPurchase, windows.recentSpend, now);
  const scores = metrics ? rfmScores(metrics, boundaries) : null;
  const churn = churnRiskOf(
    {
      usualIntervalDays: windows.usualIntervalDays,
      lastPurchaseAt: tally.lastPurchase?.at ?? null,
      lastScores: tally.lastAnswers.map((answer) => answer.score),
    },
    rules.churn,
    now,
  );
  const lastAnswer = tally.lastAnswers[tally.lastAnswers.length - 1];
  const reviews = [position.changesAt, churn.changesAt]
    .filter((instant): instant is Date => instant !== null)
    .map((instant) => instant.getTime());
  const state: CustomerState = {
    stage: position.stage,
    stageSince: position.since,
    homeStoreId: homeStore(tally.stores),
    valueMinor: { ...tally.valueMinor },
    purchaseCount: tally.purchaseCount,
    firstPurchaseAt: dateOrNull(tally.firstPurchaseAt),
    lastPurchaseAt: dateOrNull(tally.lastPurchase?.at ?? null),
    usualIntervalDays: windows.usualIntervalDays,
    lastScore: lastAnswer?.score ?? null,
    lastAnswerAt: dateOrNull(lastAnswer?.at ?? null),
    rfm: metrics && scores ? { ...scores, metrics } : null,
    segment: segmentOf(scores),
    churn,
    nextReviewAt: reviews.length ? new Date(Math.min(...reviews)) : null,
  };
  return { state, tally, transitions: ladder.transitions };
}

/** The tally with the facts (sorted, all after its `through`) folded in; the ladder is folded apart. */
function foldTally(start: CustomerTally, facts: readonly CustomerFact[]): CustomerTally {
  const tally: CustomerTally = {
    ...start,
    valueMinor: { ...start.valueMinor },
    lastAnswers: [...start.lastAnswers],
    stores: Object.fromEntries(Object.entries(start.stores).map(([id, entry]) => [id, { ...entry }])),
  };
  for (const fact of facts) {
    const at = fact.at.getTime();
    tally.through = factPosition(fact);
    const store = tally.stores[fact.storeId] ?? { count: 0, lastAt: at };
    store.count += 1;
    store.lastAt = Math.max(store.lastAt, at);
    tally.stores[fact.storeId] = store;
    if (fact.kind === 'purchase') {
      tally.valueMinor[fact.currency] = (tally.valueMinor[fact.currency] ?? 0) + fact.amountMinor;
      tally.purchaseCount += 1;
      tally.firstPurchaseAt ??= at;
      tally.lastPurchase = { at, currency: fact.currency };
    } else if (fact.kind === 'answer') {
      tally.lastAnswers = [...tally.lastAnswers, { at, score: fact.score }].slice(-2);
    }
  }
  return tally;
}

function dateOrNull(instant: number | null): Date | null {
  return instant === null ? null : new Date(instant);
}

function homeStore(stores: CustomerTally['stores']): string | null {
  const best = Object.entries(stores).sort(
    ([a, x], [b, y]) => y.count - x.count || y.lastAt - x.lastAt || (a < b ? -1 : 1),
  )[0];
  return best?.[0] ?? null;
}
