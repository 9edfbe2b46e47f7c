/**
 * A member's points (docs/promoter-loop.md, Points): a ledger of signed entries, each with its reason.
 *
 * Points are earned in lots (a purchase, a survey answer, a converted referral, points given back by a
 * refund); each lot expires a while after it was earned. Spending and reversals take points from the oldest
 * lot still alive at that moment (first in, first out), and a lot that expires with points left is closed by
 * an `expired` entry of exactly what was left. So the balance is never negative: nothing takes more than the
 * live lots hold, and an expired lot can no longer be spent even before its `expired` entry is written.
 */
export const POINTS_ENTRY_KINDS = [
  'purchase',
  'survey',
  'referral',
  'restored',
  'spent',
  'reversed',
  'expired',
] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];

/** The kinds that earn a lot; the others take points away. */
const CREDIT_KINDS: ReadonlySet<PointsEntryKind> = new Set(['purchase', 'survey', 'referral', 'restored']);

export interface PointsEntry {
  id: string;
  kind: PointsEntryKind;
  /** Positive for a lot, negative for what is taken. */
  points: number;
  occurredAt: Date;
  /** A lot's end; null for what is taken. */
  expiresAt: Date | null;
  /** For an `expired` entry: the lot it closes. */
  lotId: string | null;
}

export interface PointsLot {
  id: string;
  points: number;
  remaining: number;
  occurredAt: Date;
  expiresAt: Date;
}

export interface LedgerState {
  /** What can be spent now: the live lots' remaining points. */
  balance: number;
  /** Live lots, soonest to expire first. */
  lots: PointsLot[];
  /** Lots that have expired with points left and no `expired` entry yet: the entries to write. */
  due: Array<{ lotId: string; points: number; expiresAt: Date }>;
}

export function isCredit(kind: PointsEntryKind): boolean {
  return CREDIT_KINDS.has(kind);
}

/** The ledger as of `now`: the same entries in any order give the same state. */
export function ledgerState(entries: readonly PointsEntry[], now: Date): LedgerState {
  // At one instant, lots come first: an entry's id says nothing of the order it was written in, and a lot
  // earned at the instant of a spend can only leave more to take, never less.
  const ordered = [...entries].sort(
    (left, right) =>
      left.occurredAt.getTime() - right.occurredAt.getTime() ||
      Number(isCredit(right.kind)) - Number(isCredit(left.kind)) ||
      compare(left.id, right.id),
  );
  const lots = new Map<string, PointsLot>();
  const closed = new Set<string>();
  for (const entry of ordered) {
    if (isCredit(entry.kind)) {
      if (entry.points > 0 && entry.expiresAt) {
        lots.set(entry.id, {
          id: entry.id,
          points: entry.points,
          remaining: entry.points,
          occurredAt: entry.occurredAt,
          expiresAt: entry.expiresAt,
        });
      }
    } else if (entry.kind === 'expired') {
      if (entry.lotId) {
        closed.add(entry.lotId);
        const lot = lots.get(entry.lotId);
        if (lot) lot.remaining = Math.max(0, lot.remaining + entry.points);
      }
    } else {
      take(liveLots(lots, closed, entry.occurredAt), -entry.points);
    }
  }
  const live = liveLots(lots, closed, now);
  const due = [...lots.values()]
    .filter((lot) => !closed.has(lot.id) && lot.expiresAt <= now && lot.remaining > 0)
    .map((lot) => ({ lotId: lot.id, points: lot.remaining, expiresAt: lot.expiresAt }));
  return { balance: live.reduce((sum, lot) => sum + lot.remaining, 0), lots: live, due };
}

/**
 * The share of `points` that `partMinor` of `wholeMinor` stands for, rounded up and never more than `points`:
 * what a partial refund takes back, or gives back. Exact in integers (a rial amount times points passes 2^53).
 */
export function proportionalPoints(points: number, partMinor: number, wholeMinor: number): number {
  if (points <= 0 || partMinor <= 0) return 0;
  if (wholeMinor <= 0 || partMinor >= wholeMinor) return points;
  const share = (BigInt(points) * BigInt(partMinor) + BigInt(wholeMinor) - 1n) / BigInt(wholeMinor);
  return Math.min(points, Number(share));
}

/** How much of `wanted` can be taken from a balance: all of it, or what is there (never below zero). */
export function takeable(balance: number, wanted: number): number {
  return Math.max(0, Math.min(balance, wanted));
}

export interface PointsRule {
  /** Minor currency units spent per point earned (1 point per 100 cents). */
  amountPerPoint: number;
  surveyBonus: number;
  referralBonus: number;
  /** How long a lot lives after it was earned. */
  expiresAfterMs: number;
  /** What a point is worth, in minor units of the store's currency, when it is turned into a voucher. */
  pointValueMinor: number;
  /** The fewest points one voucher takes. */
  minimumSpend: number;
}

/** The points a purchase earns: one per `amountPerPoint`, times the member's tier multiplier, rounded down. */
export function purchasePoints(amountMinor: number, amountPerPoint: number, multiplier: number): number {
  if (amountMinor <= 0 || amountPerPoint <= 0) return 0;
  return Math.floor(Math.floor(amountMinor / amountPerPoint) * multiplier);
}

export type SpendVerdict =
  | { allowed: true; amountMinor: number }
  | { allowed: false; reason: 'below-minimum' | 'insufficient-points'; balance: number };

/** Whether `points` can be turned into a voucher, and the voucher's worth. */
export function spendVerdict(points: number, balance: number, rule: PointsRule): SpendVerdict {
  if (points < rule.minimumSpend) return { allowed: false, reason: 'below-minimum', balance };
  if (points > balance) return { allowed: false, reason: 'insufficient-points', balance };
  return { allowed: true, amountMinor: points * rule.pointValueMinor };
}

function liveLots(lots: Map<string, PointsLot>, closed: Set<string>, at: Date): PointsLot[] {
  return [...lots.values()]
    .filter((lot) => !closed.has(lot.id) && lot.expiresAt > at && lot.remaining > 0)
    .sort(
      (left, right) =>
        left.expiresAt.getTime() - right.expiresAt.getTime() ||
        left.occurredAt.getTime() - right.occurredAt.getTime() ||
        compare(left.id, right.id),
    );
}

function take(lots: PointsLot[], points: number): void {
  let left = points;
  for (const lot of lots) {
    if (left <= 0) return;
    const taken = Math.min(lot.remaining, left);
    lot.remaining -= taken;
    left -= taken;
  }
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
