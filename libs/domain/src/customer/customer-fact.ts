/**
 * What Ladder knows happened with a customer, as the customer model reads it. Facts are unordered: every
 * rule sorts them itself, so the state never depends on the order in which they arrived.
 */
export type CustomerFact =
  | {
      kind: 'lead';
      id: string;
      at: Date;
      storeId: string;
      leadKind: 'seen-ad' | 'showed-interest' | 'signed-up';
    }
  | {
      kind: 'purchase';
      id: string;
      at: Date;
      storeId: string;
      amountMinor: number;
      currency: string;
      /** The purchase carried someone's referral code: this customer was referred. */
      referred: boolean;
    }
  | { kind: 'answer'; id: string; at: Date; storeId: string; score: number }
  /** A friend this customer referred made a first purchase that passed the fraud checks. */
  | { kind: 'referral-converted'; id: string; at: Date; storeId: string };

export type FactKind = CustomerFact['kind'];

/** Same-instant facts in a fixed order (a lead before the purchase it led to), then by id: a total order. */
const KIND_ORDER: Record<FactKind, number> = { lead: 0, purchase: 1, answer: 2, 'referral-converted': 3 };

export function compareFacts(a: CustomerFact, b: CustomerFact): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Where a fact stands in that order; a fold remembers the last fact it took in. */
export interface FactPosition {
  /** Epoch ms. */
  at: number;
  kind: FactKind;
  id: string;
}

export function factPosition(fact: CustomerFact): FactPosition {
  return { at: fact.at.getTime(), kind: fact.kind, id: fact.id };
}

/** Whether the fact sorts after the position (a fold that took in the position can take it in next). */
export function sortsAfter(fact: CustomerFact, position: FactPosition | null): boolean {
  if (position === null) return true;
  return (
    (fact.at.getTime() - position.at ||
      KIND_ORDER[fact.kind] - KIND_ORDER[position.kind] ||
      (fact.id < position.id ? -1 : fact.id > position.id ? 1 : 0)) > 0
  );
}

export function sortFacts(facts: readonly CustomerFact[]): CustomerFact[] {
  return [...facts].sort(compareFacts);
}

export const DAY_MS = 86_400_000;

/**
 * The instant of the latest purchase at or before `now`, or -Infinity without one. A loop, not a spread:
 * a shared id (a shop's "guest") can have more purchases than a call takes arguments.
 */
export function latestPurchaseTime(facts: readonly CustomerFact[], now: Date): number {
  let latest = -Infinity;
  for (const fact of facts) {
    const at = fact.at.getTime();
    if (fact.kind === 'purchase' && at <= now.getTime() && at > latest) latest = at;
  }
  return latest;
}
