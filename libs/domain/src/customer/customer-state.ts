import { churnRisk, usualPurchaseInterval, type ChurnRisk, type ChurnRules } from './churn.js';
import { sortFacts, type CustomerFact } from './customer-fact.js';
import { ladderPosition, type LadderRules, type Stage } from './ladder.js';
import {
  rfmMetrics,
  rfmScores,
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
 * The customer's state, derived from the stored facts: the same facts give the same state whatever order
 * they arrived in. `boundaries` place the customer's RFM metrics against the customer base.
 */
export function deriveCustomerState(
  facts: readonly CustomerFact[],
  rules: CustomerModelRules,
  boundaries: RfmBoundaries,
  now: Date,
): CustomerState {
  const known = sortFacts(facts).filter((fact) => fact.at.getTime() <= now.getTime());
  const position = ladderPosition(known, rules.ladder, now);
  const purchases = known.filter(
    (fact): fact is Extract<CustomerFact, { kind: 'purchase' }> => fact.kind === 'purchase',
  );
  const answers = known.filter(
    (fact): fact is Extract<CustomerFact, { kind: 'answer' }> => fact.kind === 'answer',
  );
  const valueMinor: Record<string, number> = {};
  for (const purchase of purchases)
    valueMinor[purchase.currency] = (valueMinor[purchase.currency] ?? 0) + purchase.amountMinor;
  const metrics = rfmMetrics(known, now, rules.rfmWindowMs);
  const scores = metrics ? rfmScores(metrics, boundaries) : null;
  const churn = churnRisk(known, rules.churn, now);
  const lastAnswer = answers[answers.length - 1];
  const reviews = [position.changesAt, churn.changesAt]
    .filter((instant): instant is Date => instant !== null)
    .map((instant) => instant.getTime());
  return {
    stage: position.stage,
    stageSince: position.since,
    homeStoreId: homeStore(known),
    valueMinor,
    purchaseCount: purchases.length,
    firstPurchaseAt: purchases[0]?.at ?? null,
    lastPurchaseAt: purchases[purchases.length - 1]?.at ?? null,
    usualIntervalDays: usualPurchaseInterval(known, rules.churn.minimumPurchases),
    lastScore: lastAnswer?.score ?? null,
    lastAnswerAt: lastAnswer?.at ?? null,
    rfm: metrics && scores ? { ...scores, metrics } : null,
    segment: segmentOf(scores),
    churn,
    nextReviewAt: reviews.length ? new Date(Math.min(...reviews)) : null,
  };
}

function homeStore(facts: readonly CustomerFact[]): string | null {
  const counts = new Map<string, { count: number; last: number }>();
  for (const fact of facts) {
    const entry = counts.get(fact.storeId) ?? { count: 0, last: 0 };
    entry.count += 1;
    entry.last = Math.max(entry.last, fact.at.getTime());
    counts.set(fact.storeId, entry);
  }
  const best = [...counts].sort(
    ([a, x], [b, y]) => y.count - x.count || y.last - x.last || (a < b ? -1 : 1),
  )[0];
  return best?.[0] ?? null;
}
