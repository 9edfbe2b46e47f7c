import { DAY_MS, latestPurchaseTime, sortFacts, type CustomerFact } from './customer-fact.js';

export interface ChurnRules {
  /** Late means more than this many times the customer's own usual interval since the last purchase. */
  lateFactor: number;
  /** A usual interval needs at least this many purchases (two gaps). */
  minimumPurchases: number;
  /** A fall of this many points between two consecutive answers is a warning. */
  scoreDrop: number;
}

export const DEFAULT_CHURN_RULES: ChurnRules = { lateFactor: 2, minimumPurchases: 3, scoreDrop: 3 };

export type ChurnReason =
  | { code: 'rhythm-broken'; usualIntervalDays: number; daysSinceLastPurchase: number }
  | { code: 'score-falling'; from: number; to: number }
  | { code: 'scores-low'; scores: number[] };

export interface ChurnRisk {
  /** `watch` with one reason, `high` with a broken rhythm and a score reason together. */
  level: 'none' | 'watch' | 'high';
  reasons: ChurnReason[];
  /** When the rhythm will count as broken by time alone, if no purchase comes first. */
  changesAt: Date | null;
}

/** The middle gap between consecutive purchases, in days: the customer's own rhythm. */
export function usualPurchaseInterval(
  facts: readonly CustomerFact[],
  minimumPurchases: number,
): number | null {
  const times = sortFacts(facts)
    .filter((fact) => fact.kind === 'purchase')
    .map((fact) => fact.at.getTime());
  if (times.length < minimumPurchases) return null;
  const gaps = times
    .slice(1)
    .map((time, index) => time - times[index]!)
    .sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  const median = gaps.length % 2 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  return median / DAY_MS;
}

/** What churn risk reads of a customer: their rhythm, their last purchase and their last two scores. */
export interface ChurnSignals {
  usualIntervalDays: number | null;
  /** The latest purchase at or before now (epoch ms), or null. */
  lastPurchaseAt: number | null;
  /** The last two answers' scores, the older first (fewer if there are fewer answers). */
  lastScores: readonly number[];
}

/**
 * Churn risk from the customer's own behaviour: a purchase rhythm that broke (no purchase for more than
 * lateFactor × their usual interval), an answer that fell by scoreDrop points or more from the previous
 * one, or their last two answers both detractors.
 */
export function churnRisk(facts: readonly CustomerFact[], rules: ChurnRules, now: Date): ChurnRisk {
  const known = facts.filter((fact) => fact.at.getTime() <= now.getTime());
  const lastPurchase = latestPurchaseTime(known, now);
  const scores = sortFacts(known)
    .filter((fact) => fact.kind === 'answer')
    .map((fact) => (fact as { score: number }).score);
  return churnRiskOf(
    {
      usualIntervalDays: usualPurchaseInterval(known, rules.minimumPurchases),
      lastPurchaseAt: Number.isFinite(lastPurchase) ? lastPurchase : null,
      lastScores: scores.slice(-2),
    },
    rules,
    now,
  );
}

/** Churn risk from the signals alone (kept on the customer's state, so no history is read). */
export function churnRiskOf(signals: ChurnSignals, rules: ChurnRules, now: Date): ChurnRisk {
  const reasons: ChurnReason[] = [];
  let changesAt: Date | null = null;

  const usual = signals.usualIntervalDays;
  if (usual !== null && usual > 0 && signals.lastPurchaseAt !== null) {
    const lastPurchase = signals.lastPurchaseAt;
    const lateAt = lastPurchase + rules.lateFactor * usual * DAY_MS;
    if (now.getTime() > lateAt) {
      reasons.push({
        code: 'rhythm-broken',
        usualIntervalDays: Math.round(usual * 10) / 10,
        daysSinceLastPurchase: Math.floor((now.getTime() - lastPurchase) / DAY_MS),
      });
    } else {
      changesAt = new Date(lateAt + 1);
    }
  }

  const [previous, last] = signals.lastScores.slice(-2);
  if (previous !== undefined && last !== undefined) {
    if (previous <= 6 && last <= 6) reasons.push({ code: 'scores-low', scores: [previous, last] });
    else if (previous - last >= rules.scoreDrop)
      reasons.push({ code: 'score-falling', from: previous, to: last });
  }

  const rhythm = reasons.some((reason) => reason.code === 'rhythm-broken');
  const score = reasons.some((reason) => reason.code !== 'rhythm-broken');
  return { level: rhythm && score ? 'high' : reasons.length ? 'watch' : 'none', reasons, changesAt };
}
