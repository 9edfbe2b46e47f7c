/**
 * Cross-sell rules (docs/promoter-loop.md, Cross-sell offers): which purchase categories go together,
 * learned from baskets, and the offer one customer is made from them. A basket is the set of categories one
 * customer bought within the learning window. A rule `A → B` reads "customers who bought A also bought B":
 *
 * - support    = baskets holding A and B / all baskets
 * - confidence = baskets holding A and B / baskets holding A          (P(B | A))
 * - lift       = confidence / (baskets holding B / all baskets)      (how much A raises the odds of B)
 *
 * Everything is computed from whole counts, so the same baskets in any order give the same rules, to the bit.
 */

export interface RuleThresholds {
  /** Smallest share of baskets holding both categories (0–1). */
  minSupport: number;
  /** Smallest P(B | A) (0–1). */
  minConfidence: number;
  /** Smallest lift; above 1 means A makes B more likely than it is in general. */
  minLift: number;
  /** Fewest baskets holding both categories: a rule from two customers explains nothing. */
  minCount: number;
}

/** How many baskets there are, how many hold each category, and each pair (`a < b`, unordered). */
export interface BasketCounts {
  baskets: number;
  categories: ReadonlyMap<string, number>;
  pairs: ReadonlyArray<{ a: string; b: string; count: number }>;
}

export interface AssociationRule {
  antecedent: string;
  consequent: string;
  /** The counts behind the figures, so anyone can check them by hand. */
  baskets: number;
  antecedentCount: number;
  consequentCount: number;
  pairCount: number;
  support: number;
  confidence: number;
  lift: number;
}

/** A category as rules compare it: trimmed and in lower case (`TV ` and `tv` are one category). */
export function normaliseCategory(category: string): string {
  return category.trim().toLowerCase();
}

/** The counts of a list of baskets (each a set of categories; repeats and blanks in one basket count once). */
export function countBaskets(baskets: ReadonlyArray<Iterable<string>>): BasketCounts {
  const categories = new Map<string, number>();
  const pairs = new Map<string, { a: string; b: string; count: number }>();
  let total = 0;
  for (const basket of baskets) {
    const items = [...new Set([...basket].map(normaliseCategory).filter((item) => item !== ''))].sort();
    if (items.length === 0) continue;
    total += 1;
    for (const [index, a] of items.entries()) {
      categories.set(a, (categories.get(a) ?? 0) + 1);
      for (const b of items.slice(index + 1)) {
        const key = `${a}\u0000${b}`;
        const pair = pairs.get(key) ?? { a, b, count: 0 };
        pair.count += 1;
        pairs.set(key, pair);
      }
    }
  }
  return { baskets: total, categories, pairs: [...pairs.values()] };
}

/**
 * Every rule `A → B` (both directions of each pair) that passes the thresholds, best first: by lift, then
 * confidence, then the count of baskets behind it, then by name, so the order never depends on input order.
 */
export function rulesFromCounts(counts: BasketCounts, thresholds: RuleThresholds): AssociationRule[] {
  if (counts.baskets === 0) return [];
  const rules: AssociationRule[] = [];
  for (const { a, b, count } of counts.pairs) {
    if (count <= 0 || count < thresholds.minCount) continue;
    for (const [antecedent, consequent] of [
      [a, b],
      [b, a],
    ] as const) {
      const rule = ruleOf(counts, antecedent, consequent, count);
      if (
        rule.support >= thresholds.minSupport &&
        rule.confidence >= thresholds.minConfidence &&
        rule.lift >= thresholds.minLift
      )
        rules.push(rule);
    }
  }
  return rules.sort(compareRules);
}

/** The rules of a list of baskets: `rulesFromCounts(countBaskets(baskets))`. */
export function associationRules(
  baskets: ReadonlyArray<Iterable<string>>,
  thresholds: RuleThresholds,
): AssociationRule[] {
  return rulesFromCounts(countBaskets(baskets), thresholds);
}

function ruleOf(counts: BasketCounts, antecedent: string, consequent: string, pairCount: number) {
  const antecedentCount = counts.categories.get(antecedent) ?? 0;
  const consequentCount = counts.categories.get(consequent) ?? 0;
  // A pair is never counted more often than either of its categories; the counts guard a caller's mistake.
  if (antecedentCount < pairCount || consequentCount < pairCount || counts.baskets < pairCount)
    throw new RangeError(`the pair ${antecedent}, ${consequent} is counted more often than its categories`);
  return {
    antecedent,
    consequent,
    baskets: counts.baskets,
    antecedentCount,
    consequentCount,
    pairCount,
    support: pairCount / counts.baskets,
    confidence: pairCount / antecedentCount,
    // n(AB)·N / (n(A)·n(B)): the same as confidence / P(B), with one rounding instead of three.
    lift: (pairCount * counts.baskets) / (antecedentCount * consequentCount),
  };
}

/** Best first: lift, confidence, baskets behind it, then antecedent and consequent by name. */
export function compareRules(left: AssociationRule, right: AssociationRule): number {
  return (
    right.lift - left.lift ||
    right.confidence - left.confidence ||
    right.pairCount - left.pairCount ||
    compareText(left.antecedent, right.antecedent) ||
    compareText(left.consequent, right.consequent)
  );
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** What one customer brings to the offer decision. */
export interface OfferCandidate {
  stage: string | null;
  /** Categories the customer bought within the learning window (their basket). */
  bought: ReadonlyArray<string>;
  /** Categories bought within the recent window: never offered, they have it. */
  boughtRecently: ReadonlyArray<string>;
  /** Categories already offered to the customer within the offer period: not offered again yet. */
  offeredRecently: ReadonlyArray<string>;
  hasOpenCase: boolean;
}

/** The ladder's stages that are offered: repeat buyers (DESIGN.md §5). */
export const OFFER_STAGES: readonly string[] = ['client', 'advocate'];

export type OfferSkip =
  /** Not a Client or an Advocate. */
  | 'not-a-client'
  /** An open follow-up case: the customer is owed an apology, not an offer. */
  | 'open-case'
  /** No learned rule starts from anything they bought. */
  | 'no-rule'
  /** Every rule that applies would offer a category they bought recently (or were just offered). */
  | 'bought-recently';

export type OfferChoice =
  | { outcome: 'offer'; rule: AssociationRule; reason: string }
  | { outcome: 'skip'; skip: OfferSkip; reason: string };

/**
 * The offer for one customer: the best rule (in `compareRules` order) whose antecedent they bought and whose
 * consequent they have neither bought recently nor been offered within the offer period. Consent and the
 * contact budget are the contact gate's to decide, after this.
 */
export function chooseOffer(candidate: OfferCandidate, rules: readonly AssociationRule[]): OfferChoice {
  if (!candidate.stage || !OFFER_STAGES.includes(candidate.stage))
    return {
      outcome: 'skip',
      skip: 'not-a-client',
      reason: `stage ${candidate.stage ?? 'none'} is not offered`,
    };
  if (candidate.hasOpenCase)
    return { outcome: 'skip', skip: 'open-case', reason: 'the customer has an open follow-up case' };
  const bought = new Set(candidate.bought.map(normaliseCategory));
  const excluded = new Set(
    [...candidate.boughtRecently, ...candidate.offeredRecently].map(normaliseCategory),
  );
  const applicable = [...rules].sort(compareRules).filter((rule) => bought.has(rule.antecedent));
  if (applicable.length === 0)
    return { outcome: 'skip', skip: 'no-rule', reason: 'no rule starts from a category the customer bought' };
  const rule = applicable.find((candidateRule) => !excluded.has(candidateRule.consequent));
  if (!rule)
    return {
      outcome: 'skip',
      skip: 'bought-recently',
      reason: `every rule offers a category bought or offered recently (${[...new Set(applicable.map((r) => r.consequent))].join(', ')})`,
    };
  return {
    outcome: 'offer',
    rule,
    reason:
      `bought ${rule.antecedent}; ${formatShare(rule.confidence)} of the ${rule.antecedentCount} customers who ` +
      `bought ${rule.antecedent} also bought ${rule.consequent} (lift ${rule.lift.toFixed(2)})`,
  };
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
