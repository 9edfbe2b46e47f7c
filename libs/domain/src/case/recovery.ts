import { sortFacts, type CustomerFact } from '../customer/customer-fact.js';

export interface Recovery {
  by: 'purchase' | 'higher-answer';
  at: Date;
}

/**
 * Did the customer come back after their case was resolved (DESIGN.md §5)? The first purchase after the
 * resolution, or the first answer after it that is higher than every answer in the case, whichever came
 * first. Null while neither has happened.
 */
export function recoveryOf(
  resolvedAt: Date,
  highestCaseScore: number,
  facts: readonly CustomerFact[],
): Recovery | null {
  for (const fact of sortFacts(facts)) {
    if (fact.at.getTime() <= resolvedAt.getTime()) continue;
    if (fact.kind === 'purchase') return { by: 'purchase', at: fact.at };
    if (fact.kind === 'answer' && fact.score > highestCaseScore) return { by: 'higher-answer', at: fact.at };
  }
  return null;
}
