import fc from 'fast-check';
import {
  ledgerState,
  proportionalPoints,
  purchasePoints,
  spendVerdict,
  takeable,
  type PointsEntry,
  type PointsRule,
} from './points-ledger.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const at = (days: number) => new Date(START + days * DAY);

const rule: PointsRule = {
  amountPerPoint: 100,
  surveyBonus: 10,
  referralBonus: 100,
  expiresAfterMs: 30 * DAY,
  pointValueMinor: 2,
  minimumSpend: 100,
};

const lot = (id: string, points: number, day: number): PointsEntry => ({
  id,
  kind: 'purchase',
  points,
  occurredAt: at(day),
  expiresAt: at(day + 30),
  lotId: null,
});
const spent = (id: string, points: number, day: number): PointsEntry => ({
  id,
  kind: 'spent',
  points: -points,
  occurredAt: at(day),
  expiresAt: null,
  lotId: null,
});

describe('the points ledger', () => {
  it('spends the oldest lot first, and closes an expired lot with exactly what it had left', () => {
    const entries = [lot('a', 100, 0), lot('b', 50, 10), spent('s', 120, 20)];
    // 100 from a, 20 from b: b keeps 30, a is empty and expires with nothing to close.
    expect(ledgerState(entries, at(25))).toMatchObject({ balance: 30, due: [] });
    const late = ledgerState(entries, at(41));
    expect(late).toMatchObject({ balance: 0, due: [{ lotId: 'b', points: 30 }] });
  });

  it('does not let an expired lot be spent before its expiry entry is written', () => {
    const state = ledgerState([lot('a', 100, 0), lot('b', 40, 20)], at(31));
    expect(state.balance).toBe(40);
    expect(state.due).toEqual([{ lotId: 'a', points: 100, expiresAt: at(30) }]);
    const closed = ledgerState(
      [
        lot('a', 100, 0),
        lot('b', 40, 20),
        { id: 'x', kind: 'expired', points: -100, occurredAt: at(30), expiresAt: null, lotId: 'a' },
      ],
      at(31),
    );
    expect(closed).toMatchObject({ balance: 40, due: [] });
  });

  it('spends a lot earned at the same instant, whatever the ids say', () => {
    for (const ids of [
      ['a', 'z'],
      ['z', 'a'],
    ]) {
      const state = ledgerState([lot(ids[0]!, 100, 5), spent(ids[1]!, 80, 5)], at(6));
      expect(state.balance).toBe(20);
    }
  });

  it('takes back the share a partial refund stands for, rounded up, exactly, never more than there was', () => {
    expect(proportionalPoints(100, 7, 100)).toBe(7);
    expect(proportionalPoints(100, 1, 3)).toBe(34);
    expect(proportionalPoints(5_000, 2, 100)).toBe(100);
    expect(proportionalPoints(80, 500, 400)).toBe(80);
    expect(proportionalPoints(80, 0, 400)).toBe(0);
    expect(proportionalPoints(999_999, 4_000_000_000_000, 9_000_000_000_000)).toBe(444_444);
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.nat(2 ** 40),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (points, part, whole) => {
          const share = proportionalPoints(points, part, whole);
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(points);
          // The least whole number of points whose share of the whole covers the part (the ceiling, exactly).
          if (part > 0 && part < whole && share < points) {
            const owed = BigInt(points) * BigInt(part);
            expect(BigInt(share) * BigInt(whole) >= owed).toBe(true);
            expect(BigInt(share - 1) * BigInt(whole) < owed).toBe(true);
          }
        },
      ),
    );
  });

  it('earns one point per amount, times the tier multiplier, rounded down', () => {
    expect(purchasePoints(12_345, 100, 1)).toBe(123);
    expect(purchasePoints(12_345, 100, 1.5)).toBe(184);
    expect(purchasePoints(99, 100, 2)).toBe(0);
    expect(purchasePoints(0, 100, 1)).toBe(0);
  });

  it('turns points into a voucher at the documented rate, never below the minimum or past the balance', () => {
    expect(spendVerdict(250, 300, rule)).toEqual({ allowed: true, amountMinor: 500 });
    expect(spendVerdict(50, 300, rule)).toEqual({ allowed: false, reason: 'below-minimum', balance: 300 });
    expect(spendVerdict(301, 300, rule)).toEqual({
      allowed: false,
      reason: 'insufficient-points',
      balance: 300,
    });
  });

  /**
   * A member's life as a service lives it: lots earned, points taken (never more than the live balance) and,
   * before every taking, the due expiries written. Whatever the order of operations, the invariants hold.
   */
  type Operation =
    { type: 'earn'; points: number; afterDays: number } | { type: 'take'; points: number; afterDays: number };
  const operation = fc.oneof(
    fc.record({
      type: fc.constant('earn' as const),
      points: fc.integer({ min: 1, max: 500 }),
      afterDays: fc.integer({ min: 0, max: 20 }),
    }),
    fc.record({
      type: fc.constant('take' as const),
      points: fc.integer({ min: 1, max: 800 }),
      afterDays: fc.integer({ min: 0, max: 20 }),
    }),
  );

  function live(operations: Operation[]): { entries: PointsEntry[]; now: Date } {
    const entries: PointsEntry[] = [];
    let day = 0;
    operations.forEach((step, index) => {
      day += step.afterDays;
      const now = at(day);
      for (const due of ledgerState(entries, now).due) {
        entries.push({
          id: `x${entries.length}`,
          kind: 'expired',
          points: -due.points,
          occurredAt: due.expiresAt,
          expiresAt: null,
          lotId: due.lotId,
        });
      }
      if (step.type === 'earn') entries.push(lot(`e${index}`, step.points, day));
      else {
        const taken = takeable(ledgerState(entries, now).balance, step.points);
        if (taken > 0) entries.push(spent(`t${index}`, taken, day));
      }
    });
    return { entries, now: at(day) };
  }

  it('never goes negative, and its live balance is the sum of its entries once the expiries are written', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const { entries, now } = live(operations);
        const state = ledgerState(entries, now);
        expect(state.balance).toBeGreaterThanOrEqual(0);
        for (const item of state.lots) expect(item.remaining).toBeLessThanOrEqual(item.points);
        const written = entries.reduce((sum, entry) => sum + entry.points, 0);
        const due = state.due.reduce((sum, item) => sum + item.points, 0);
        expect(state.balance).toBe(written - due);
      }),
    );
  });

  it('reads the same entries the same way in any order', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), fc.integer(), (operations, seed) => {
        const { entries, now } = live(operations);
        const shuffled = [...entries].sort((left, right) => hash(left.id, seed) - hash(right.id, seed));
        expect(ledgerState(shuffled, now)).toEqual(ledgerState(entries, now));
      }),
    );
  });
});

function hash(text: string, seed: number): number {
  let value = seed | 0;
  for (const character of text) value = Math.imul(value ^ character.charCodeAt(0), 16_777_619);
  return value;
}
