import fc from 'fast-check';
import { DAY_MS, type CustomerFact } from './customer-fact.js';
import { deriveCustomerState, type CustomerModelRules } from './customer-state.js';
import { ladderPosition, newMoves, stageTimeline, type LadderRules, type RecordedLadder } from './ladder.js';
import { DEFAULT_CHURN_RULES } from './churn.js';

const rules: LadderRules = { repeatWindowMs: 180 * DAY_MS, lapseWindowMs: 180 * DAY_MS };
const modelRules: CustomerModelRules = {
  ladder: rules,
  churn: DEFAULT_CHURN_RULES,
  rfmWindowMs: 365 * DAY_MS,
};
const start = Date.parse('2025-01-01T00:00:00Z');
const now = new Date(start + 730 * DAY_MS);
const day = (n: number) => new Date(start + n * DAY_MS);

let sequence = 0;
const lead = (at: number, leadKind: 'seen-ad' | 'showed-interest' | 'signed-up'): CustomerFact => ({
  kind: 'lead',
  id: `l${sequence++}`,
  at: day(at),
  storeId: 's',
  leadKind,
});
const purchase = (at: number, referred = false): CustomerFact => ({
  kind: 'purchase',
  id: `p${sequence++}`,
  at: day(at),
  storeId: 's',
  amountMinor: 1000,
  currency: 'USD',
  referred,
});
const answer = (at: number, score: number): CustomerFact => ({
  kind: 'answer',
  id: `a${sequence++}`,
  at: day(at),
  storeId: 's',
  score,
});
const referral = (at: number): CustomerFact => ({
  kind: 'referral-converted',
  id: `r${sequence++}`,
  at: day(at),
  storeId: 's',
});

describe('the loyalty ladder', () => {
  it('climbs every rung and falls back down', () => {
    const facts = [
      lead(0, 'seen-ad'),
      lead(5, 'signed-up'),
      purchase(10),
      purchase(40),
      answer(41, 10),
      answer(60, 2),
    ];
    const timeline = stageTimeline(facts, rules, day(400));
    expect(timeline.map((move) => [move.from, move.to, move.reason])).toEqual([
      [null, 'suspect', 'seen-ad'],
      ['suspect', 'prospect', 'signed-up'],
      ['prospect', 'customer', 'first-purchase'],
      ['customer', 'client', 'repeat-purchase'],
      ['client', 'advocate', 'promoter-answer'],
      ['advocate', 'client', 'detractor-answer'],
      ['client', 'customer', 'no-purchase-within-window'],
    ]);
    // The fall happens exactly one lapse window after the last purchase.
    expect(timeline[6]!.at).toEqual(day(220));
  });

  it('says when time alone will move a Client', () => {
    expect(ladderPosition([purchase(10), purchase(40)], rules, day(100))).toEqual({
      stage: 'client',
      since: day(40),
      changesAt: day(220),
    });
    expect(ladderPosition([purchase(10)], rules, day(100)).changesAt).toBeNull();
  });

  it('needs two purchases within the repeat window to make a Client', () => {
    expect(ladderPosition([purchase(0), purchase(200)], rules, day(210)).stage).toBe('customer');
    expect(ladderPosition([purchase(0), purchase(200), purchase(250)], rules, day(260)).stage).toBe('client');
  });

  it('brings a lapsed repeat buyer back as a Client with the next purchase', () => {
    const timeline = stageTimeline([purchase(0), purchase(30), purchase(400)], rules, day(410));
    expect(timeline.slice(-2).map((move) => [move.to, move.reason])).toEqual([
      ['customer', 'no-purchase-within-window'],
      ['client', 'purchase-after-lapse'],
    ]);
  });

  it('makes a Client who brought a converted referral an Advocate', () => {
    expect(ladderPosition([purchase(0), purchase(30), referral(50)], rules, day(60)).stage).toBe('advocate');
  });

  it('keeps an Advocate through passive answers and drops them on a detractor answer', () => {
    const base = [purchase(0), purchase(30), answer(31, 9)];
    expect(ladderPosition([...base, answer(40, 8)], rules, day(50)).stage).toBe('advocate');
    expect(ladderPosition([...base, answer(40, 6)], rules, day(50)).stage).toBe('client');
  });

  it('counts a survey answer without a purchase on record as a Customer', () => {
    expect(ladderPosition([answer(1, 3)], rules, day(2)).stage).toBe('customer');
  });

  it('has no stage without facts', () => {
    expect(ladderPosition([], rules, now)).toEqual({ stage: null, since: null, changesAt: null });
  });
});

describe('recording moves', () => {
  it('records each move once, chained from what was recorded', () => {
    const facts = [lead(0, 'seen-ad'), purchase(10), purchase(20)];
    const first = newMoves(
      { stage: null, movesUntil: null },
      stageTimeline(facts.slice(0, 2), rules, day(15)),
      day(15),
    );
    expect(first.map((move) => move.to)).toEqual(['suspect', 'customer']);
    const recorded: RecordedLadder = { stage: 'customer', movesUntil: first[1]!.at };
    expect(newMoves(recorded, stageTimeline(facts.slice(0, 2), rules, day(16)), day(16))).toEqual([]);
    const next = newMoves(recorded, stageTimeline(facts, rules, day(25)), day(25));
    expect(next.map((move) => [move.from, move.to])).toEqual([['customer', 'client']]);
  });

  it('sets the stage right with one late-event move when a late fact rewrites the past', () => {
    // Recorded: a Customer since day 10. A purchase dated day 5 arrives: they were a Client since day 10.
    const recorded: RecordedLadder = { stage: 'customer', movesUntil: day(10) };
    const moves = newMoves(recorded, stageTimeline([purchase(5), purchase(10)], rules, day(30)), day(30));
    expect(moves).toEqual([{ at: day(30), from: 'customer', to: 'client', reason: 'late-event' }]);
  });
});

// ---- properties over arbitrary fact sequences ----

const factArbitrary: fc.Arbitrary<CustomerFact> = fc
  .oneof(
    fc.record({
      kind: fc.constant('lead' as const),
      at: fc.integer({ min: 0, max: 700 }),
      leadKind: fc.constantFrom('seen-ad' as const, 'showed-interest' as const, 'signed-up' as const),
    }),
    fc.record({
      kind: fc.constant('purchase' as const),
      at: fc.integer({ min: 0, max: 700 }),
      amountMinor: fc.integer({ min: 0, max: 1_000_000 }),
      currency: fc.constantFrom('USD', 'IRR'),
      referred: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('answer' as const),
      at: fc.integer({ min: 0, max: 700 }),
      score: fc.integer({ min: 0, max: 10 }),
    }),
    fc.record({ kind: fc.constant('referral-converted' as const), at: fc.integer({ min: 0, max: 700 }) }),
  )
  .map((fact) => ({ ...fact, at: day(fact.at), storeId: 's', id: '' }) as CustomerFact);

const factsArbitrary = fc
  .array(factArbitrary, { maxLength: 25 })
  .map((facts) => facts.map((fact, index) => ({ ...fact, id: `f${index}` }) as CustomerFact));

/** The same facts, and the same facts in another order. */
const factsInTwoOrdersArbitrary = factsArbitrary.chain((facts) =>
  fc.tuple(
    fc.constant(facts),
    fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }),
  ),
);

const emptyBoundaries = { recencyDays: [], frequency: [], monetary: {} };

describe('ladder properties', () => {
  it('derives the same state from the same facts in any order', () => {
    fc.assert(
      fc.property(factsInTwoOrdersArbitrary, ([facts, shuffled]) => {
        expect(deriveCustomerState(shuffled, modelRules, emptyBoundaries, now)).toEqual(
          deriveCustomerState(facts, modelRules, emptyBoundaries, now),
        );
      }),
    );
  });

  it('keeps every rung to its definition', () => {
    fc.assert(
      fc.property(factsArbitrary, (facts) => {
        const { stage } = ladderPosition(facts, rules, now);
        const purchases = facts
          .filter((fact) => fact.kind === 'purchase')
          .map((fact) => fact.at.getTime())
          .sort((a, b) => a - b);
        const repeat = purchases.some(
          (time, index) => index > 0 && time - purchases[index - 1]! <= rules.repeatWindowMs,
        );
        const active =
          purchases.length > 0 && now.getTime() - purchases[purchases.length - 1]! < rules.lapseWindowMs;
        if (facts.length === 0) expect(stage).toBeNull();
        if (purchases.length > 0) expect(['customer', 'client', 'advocate']).toContain(stage);
        if (stage === 'client' || stage === 'advocate') expect(repeat && active).toBe(true);
        if (repeat && active) expect(['client', 'advocate']).toContain(stage);
        if (stage === 'suspect') {
          // Seen an ad and nothing more: no purchase, no answer, no interest shown.
          expect(facts.some((fact) => fact.kind === 'lead' && fact.leadKind === 'seen-ad')).toBe(true);
          expect(
            facts.every(
              (fact) =>
                fact.kind === 'referral-converted' || (fact.kind === 'lead' && fact.leadKind === 'seen-ad'),
            ),
          ).toBe(true);
        }
      }),
    );
  });

  it('moves along a chain that ends at the current stage', () => {
    fc.assert(
      fc.property(factsArbitrary, (facts) => {
        const timeline = stageTimeline(facts, rules, now);
        timeline.forEach((move, index) => {
          expect(move.to).not.toBe(move.from);
          if (index > 0) {
            expect(move.from).toBe(timeline[index - 1]!.to);
            expect(move.at.getTime()).toBeGreaterThanOrEqual(timeline[index - 1]!.at.getTime());
          }
        });
        expect(timeline[timeline.length - 1]?.to ?? null).toBe(ladderPosition(facts, rules, now).stage);
      }),
    );
  });

  it('drops an Advocate to Client on a detractor answer, and a Client to Customer after the lapse window', () => {
    fc.assert(
      fc.property(factsArbitrary, fc.integer({ min: 0, max: 6 }), (facts, score) => {
        const { stage } = ladderPosition(facts, rules, now);
        const later = new Date(now.getTime() + 1);
        const afterDetractor = ladderPosition(
          [...facts, { kind: 'answer', id: 'late', at: later, storeId: 's', score }],
          rules,
          later,
        );
        if (stage === 'advocate') expect(afterDetractor.stage).toBe('client');
        const muchLater = new Date(now.getTime() + rules.lapseWindowMs);
        if (stage === 'client' || stage === 'advocate')
          expect(ladderPosition(facts, rules, muchLater).stage).toBe('customer');
      }),
    );
  });

  it('records each move once and ends at the derived stage, whatever order the facts arrive in', () => {
    fc.assert(
      fc.property(factsInTwoOrdersArbitrary, ([facts, arrival]) => {
        let recorded: RecordedLadder = { stage: null, movesUntil: null };
        const seen: typeof facts = [];
        arrival.forEach((fact, index) => {
          seen.push(fact);
          const at = new Date(now.getTime() + index);
          const moves = newMoves(recorded, stageTimeline(seen, rules, at), at);
          for (const move of moves)
            expect(move.from).toBe(
              moves.indexOf(move) === 0 ? recorded.stage : moves[moves.indexOf(move) - 1]!.to,
            );
          if (moves.length)
            recorded = { stage: moves[moves.length - 1]!.to, movesUntil: moves[moves.length - 1]!.at };
          // Asking again with nothing new records nothing.
          expect(newMoves(recorded, stageTimeline(seen, rules, at), at)).toEqual([]);
        });
        const end = new Date(now.getTime() + arrival.length);
        expect(recorded.stage).toBe(ladderPosition(facts, rules, end).stage);
      }),
    );
  });
});

describe('a shared id with more purchases than a call takes arguments', () => {
  it("derives the state of a shop's guest id with 200,000 purchases", () => {
    // Two a day for most of a year, then a lapse: the fall by time alone needs the latest purchase.
    const facts = Array.from({ length: 200_000 }, (_, index) => ({
      ...purchase(Math.floor(index / 600)),
      id: `guest-${index}`,
    }));
    const state = deriveCustomerState(facts, modelRules, emptyBoundaries, now);
    expect(state.purchaseCount).toBe(200_000);
    expect(state.lastPurchaseAt).toEqual(day(333));
    // 730 days in, over 180 days since the last purchase: the repeat buyer has fallen back to Customer.
    expect(state.stage).toBe('customer');
  });
});
