import fc from 'fast-check';
import { DEFAULT_CHURN_RULES } from './churn.js';
import { DAY_MS, sortFacts, sortsAfter, type CustomerFact } from './customer-fact.js';
import {
  advanceCustomer,
  deriveCustomerState,
  EMPTY_TALLY,
  windowsOf,
  type CustomerModelRules,
  type CustomerTally,
} from './customer-state.js';
import { newMoves, stageTimeline, type RecordedLadder } from './ladder.js';
import type { RfmBoundaries } from './rfm.js';

const rules: CustomerModelRules = {
  ladder: { repeatWindowMs: 60 * DAY_MS, lapseWindowMs: 90 * DAY_MS },
  churn: DEFAULT_CHURN_RULES,
  rfmWindowMs: 120 * DAY_MS,
};
const boundaries: RfmBoundaries = {
  recencyDays: [10, 30, 60, 120],
  frequency: [1, 2, 3, 5],
  monetary: { USD: [1_000, 5_000, 20_000, 50_000] },
};
const start = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number) => new Date(start + n * DAY_MS);

const factArbitrary = fc
  .record({
    at: fc.integer({ min: 0, max: 400 }),
    storeId: fc.constantFrom('north', 'south', 'online'),
    fact: fc.oneof(
      fc.record({
        kind: fc.constant('lead' as const),
        leadKind: fc.constantFrom('seen-ad' as const, 'showed-interest' as const, 'signed-up' as const),
      }),
      fc.record({
        kind: fc.constant('purchase' as const),
        amountMinor: fc.integer({ min: 0, max: 100_000 }),
        currency: fc.constantFrom('USD', 'EUR'),
        referred: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('answer' as const), score: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ kind: fc.constant('referral-converted' as const) }),
    ),
  })
  // Days often coincide, so that facts of the same instant are ordered by kind and id.
  .map(({ at, storeId, fact }) => ({ ...fact, at: day(at), storeId, id: '' }) as CustomerFact);

/** Facts in the order they happened, cut into the batches in which they are stored, each with its clock. */
const historyArbitrary = fc
  .array(factArbitrary, { maxLength: 40 })
  .map((facts) => sortFacts(facts.map((fact, index) => ({ ...fact, id: `f${index}` }) as CustomerFact)))
  .chain((facts) =>
    fc.tuple(
      fc.constant(facts),
      fc.array(fc.integer({ min: 0, max: Math.max(facts.length, 1) }), { maxLength: 6 }),
      // A batch's clock may be before some of its facts: those wait in the store for a later batch.
      fc.array(fc.integer({ min: 0, max: 450 }), { minLength: 7, maxLength: 7 }),
    ),
  );

const at = (iso: string) => new Date(iso);
const LATE_PURCHASE_UNDOES_A_FALL: [CustomerFact[], number[], number[]] = [
  [
    { kind: 'answer', score: 3, at: at('2026-02-05T00:00:00Z'), storeId: 'north', id: 'f7' },
    {
      kind: 'purchase',
      amountMinor: 71522,
      currency: 'USD',
      referred: true,
      at: at('2026-05-02T00:00:00Z'),
      storeId: 'north',
      id: 'f4',
    },
    {
      kind: 'purchase',
      amountMinor: 90314,
      currency: 'EUR',
      referred: true,
      at: at('2026-07-24T00:00:00Z'),
      storeId: 'south',
      id: 'f8',
    },
    {
      kind: 'purchase',
      amountMinor: 6548,
      currency: 'EUR',
      referred: true,
      at: at('2026-08-27T00:00:00Z'),
      storeId: 'north',
      id: 'f5',
    },
    {
      kind: 'purchase',
      amountMinor: 55592,
      currency: 'USD',
      referred: false,
      at: at('2026-08-28T00:00:00Z'),
      storeId: 'south',
      id: 'f6',
    },
    {
      kind: 'lead',
      leadKind: 'showed-interest',
      at: at('2026-09-04T00:00:00Z'),
      storeId: 'online',
      id: 'f3',
    },
    {
      kind: 'purchase',
      amountMinor: 48689,
      currency: 'USD',
      referred: false,
      at: at('2026-10-17T00:00:00Z'),
      storeId: 'south',
      id: 'f2',
    },
    { kind: 'answer', score: 3, at: at('2026-11-11T00:00:00Z'), storeId: 'south', id: 'f0' },
    { kind: 'referral-converted', at: at('2026-12-04T00:00:00Z'), storeId: 'south', id: 'f1' },
  ],
  [1, 0, 2, 4],
  [0, 0, 328, 328, 328, 0, 328],
];

describe('the kept tally', () => {
  it('gives, fact by fact in order, the state and the moves a derivation from every fact gives', () => {
    fc.assert(
      fc.property(historyArbitrary, ([facts, cuts, clocks]) => {
        const ends = [...new Set([...cuts, facts.length])].sort((a, b) => a - b);
        const sortedClocks = [...clocks].sort((a, b) => a - b);
        let tally: CustomerTally = EMPTY_TALLY;
        let kept: RecordedLadder = { stage: null, movesUntil: null };
        let derived: RecordedLadder = { stage: null, movesUntil: null };
        ends.forEach((end, index) => {
          const stored = facts.slice(0, end);
          const now = day(sortedClocks[index]!);
          // Read as the customer model reads them: the stored facts after the last one folded.
          const pending = stored.filter((fact) => sortsAfter(fact, tally.through));
          const advance = advanceCustomer(
            tally,
            pending,
            rules,
            boundaries,
            windowsOf(stored, rules, now),
            now,
          );
          expect(advance.state).toEqual(deriveCustomerState(stored, rules, boundaries, now));

          const keptMoves = newMoves(kept, advance.transitions, now, advance.state.stage);
          const derivedMoves = newMoves(derived, stageTimeline(stored, rules.ladder, now), now);
          expect(keptMoves).toEqual(derivedMoves);
          const last = keptMoves[keptMoves.length - 1];
          if (last) kept = derived = { stage: last.to, movesUntil: last.at };
          // The tally is kept as JSON in PostgreSQL.
          tally = JSON.parse(JSON.stringify(advance.tally)) as CustomerTally;
        });
      }),
      {
        numRuns: 500,
        // Found by fast-check in CI (seed -1359782955): a purchase dated before a recorded fall undoes it, the
        // tally's fold stays Client and yields no transition, and the stage must still be set right.
        examples: [[LATE_PURCHASE_UNDOES_A_FALL]],
      },
    );
  });

  it('leaves facts after the clock for a later advance', () => {
    const facts: CustomerFact[] = [
      {
        kind: 'purchase',
        id: 'p1',
        at: day(1),
        storeId: 'north',
        amountMinor: 100,
        currency: 'USD',
        referred: false,
      },
      {
        kind: 'purchase',
        id: 'p2',
        at: day(9),
        storeId: 'north',
        amountMinor: 200,
        currency: 'USD',
        referred: false,
      },
    ];
    const first = advanceCustomer(
      EMPTY_TALLY,
      facts,
      rules,
      boundaries,
      windowsOf(facts, rules, day(5)),
      day(5),
    );
    expect(first.state.purchaseCount).toBe(1);
    expect(first.tally.through).toEqual({ at: day(1).getTime(), kind: 'purchase', id: 'p1' });
    const later = facts.filter((fact) => sortsAfter(fact, first.tally.through));
    const second = advanceCustomer(
      first.tally,
      later,
      rules,
      boundaries,
      windowsOf(facts, rules, day(10)),
      day(10),
    );
    expect(second.state).toMatchObject({ purchaseCount: 2, valueMinor: { USD: 300 }, stage: 'client' });
    expect(second.transitions.map((move) => [move.from, move.to])).toEqual([['customer', 'client']]);
  });
});
