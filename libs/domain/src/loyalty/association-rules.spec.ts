import fc from 'fast-check';
import {
  associationRules,
  chooseOffer,
  compareRules,
  countBaskets,
  rulesFromCounts,
  type AssociationRule,
  type OfferCandidate,
  type RuleThresholds,
} from './association-rules.js';

const ANY: RuleThresholds = { minSupport: 0, minConfidence: 0, minLift: 0, minCount: 1 };
const CATEGORIES = ['tv', 'soundbar', 'cable', 'phone', 'case', 'laptop'];
const basketsArbitrary = fc.array(fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 5 }), {
  maxLength: 40,
});

const ruleKey = (rule: AssociationRule) => `${rule.antecedent}→${rule.consequent}`;

describe('associationRules', () => {
  it('gives the figures a hand computation gives', () => {
    // 10 baskets: tv in 5, soundbar in 4, both in 3, phone in 4, case in 3 (all with a phone).
    const baskets = [
      ['tv', 'soundbar'],
      ['tv', 'soundbar'],
      ['tv', 'soundbar', 'cable'],
      ['tv'],
      ['tv', 'phone'],
      ['soundbar'],
      ['phone', 'case'],
      ['phone', 'case'],
      ['phone', 'case'],
      ['cable'],
    ];
    const rules = associationRules(baskets, {
      minSupport: 0.2,
      minConfidence: 0.5,
      minLift: 1.2,
      minCount: 3,
    });
    // case → phone: 3/10 support, 3/3 confidence, 1 / (4/10) = 2.5 lift; phone → case: 3/4, 0.75 / 0.3 = 2.5.
    // tv → soundbar: 3/10, 3/5 = 0.6, 0.6 / 0.4 = 1.5; soundbar → tv: 3/4 = 0.75, 0.75 / 0.5 = 1.5.
    expect(rules.map(ruleKey)).toEqual(['case→phone', 'phone→case', 'soundbar→tv', 'tv→soundbar']);
    expect(rules[0]).toEqual({
      antecedent: 'case',
      consequent: 'phone',
      baskets: 10,
      antecedentCount: 3,
      consequentCount: 4,
      pairCount: 3,
      support: 0.3,
      confidence: 1,
      lift: 2.5,
    });
    expect(rules[3]).toMatchObject({ support: 0.3, confidence: 0.6, lift: 1.5 });
    // Lowering the count keeps tv → cable out: its lift (1/5 ÷ 2/10 = 1) is no association at all.
    const loose = associationRules(baskets, { minSupport: 0, minConfidence: 0, minLift: 1.01, minCount: 1 });
    expect(loose.map(ruleKey)).not.toContain('tv→cable');
  });

  it('treats categories as trimmed and case-blind, and counts a category once per basket', () => {
    const counts = countBaskets([[' TV', 'tv', 'Soundbar '], [''], []]);
    expect(counts.baskets).toBe(1);
    expect([...counts.categories]).toEqual([
      ['soundbar', 1],
      ['tv', 1],
    ]);
    expect(counts.pairs).toEqual([{ a: 'soundbar', b: 'tv', count: 1 }]);
  });

  it('keeps every figure within its bounds: support ≤ each category’s share, confidence in [0, 1]', () => {
    fc.assert(
      fc.property(basketsArbitrary, (baskets) => {
        for (const rule of associationRules(baskets, ANY)) {
          expect(rule.support).toBeGreaterThan(0);
          expect(rule.support).toBeLessThanOrEqual(
            Math.min(rule.antecedentCount, rule.consequentCount) / rule.baskets,
          );
          expect(rule.confidence).toBeGreaterThan(0);
          expect(rule.confidence).toBeLessThanOrEqual(1);
          expect(rule.support).toBeLessThanOrEqual(rule.confidence);
          expect(rule.lift).toBeCloseTo(rule.confidence / (rule.consequentCount / rule.baskets), 12);
        }
      }),
    );
  });

  it('counts what the baskets hold', () => {
    fc.assert(
      fc.property(basketsArbitrary, (baskets) => {
        const nonEmpty = baskets.filter((basket) => basket.length > 0);
        for (const rule of associationRules(baskets, ANY)) {
          expect(rule.baskets).toBe(nonEmpty.length);
          expect(rule.antecedentCount).toBe(nonEmpty.filter((b) => b.includes(rule.antecedent)).length);
          expect(rule.pairCount).toBe(
            nonEmpty.filter((b) => b.includes(rule.antecedent) && b.includes(rule.consequent)).length,
          );
        }
      }),
    );
  });

  it('gives A → B and B → A the same support and lift, and confidences in the ratio of their counts', () => {
    fc.assert(
      fc.property(basketsArbitrary, (baskets) => {
        const rules = new Map(associationRules(baskets, ANY).map((rule) => [ruleKey(rule), rule]));
        for (const rule of rules.values()) {
          const reverse = rules.get(`${rule.consequent}→${rule.antecedent}`)!;
          expect(reverse.support).toBe(rule.support);
          expect(reverse.lift).toBe(rule.lift);
          expect(rule.confidence * rule.antecedentCount).toBeCloseTo(
            reverse.confidence * reverse.antecedentCount,
            9,
          );
        }
      }),
    );
  });

  it('gives the same rules in the same order whatever the order of baskets and of their items', () => {
    fc.assert(
      fc.property(
        basketsArbitrary.chain((baskets) =>
          fc.tuple(
            fc.constant(baskets),
            fc.shuffledSubarray(baskets, { minLength: baskets.length, maxLength: baskets.length }),
          ),
        ),
        ([baskets, shuffled]) => {
          const reversedItems = shuffled.map((basket) => [...basket].reverse());
          expect(associationRules(reversedItems, ANY)).toEqual(associationRules(baskets, ANY));
        },
      ),
    );
  });

  it('only keeps rules that pass every threshold, sorted best first', () => {
    const thresholds = fc.record({
      minSupport: fc.double({ min: 0, max: 1, noNaN: true }),
      minConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
      minLift: fc.double({ min: 0, max: 5, noNaN: true }),
      minCount: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(basketsArbitrary, thresholds, (baskets, limits) => {
        const all = associationRules(baskets, ANY);
        const kept = associationRules(baskets, limits);
        expect(kept).toEqual(
          all.filter(
            (rule) =>
              rule.support >= limits.minSupport &&
              rule.confidence >= limits.minConfidence &&
              rule.lift >= limits.minLift &&
              rule.pairCount >= limits.minCount,
          ),
        );
        for (let index = 1; index < kept.length; index += 1)
          expect(compareRules(kept[index - 1]!, kept[index]!)).toBeLessThan(0);
      }),
    );
  });

  it('learns nothing from no baskets, and refuses counts where a pair outnumbers its category', () => {
    expect(associationRules([], ANY)).toEqual([]);
    expect(() =>
      rulesFromCounts(
        {
          baskets: 3,
          categories: new Map([
            ['a', 1],
            ['b', 3],
          ]),
          pairs: [{ a: 'a', b: 'b', count: 2 }],
        },
        ANY,
      ),
    ).toThrow(RangeError);
  });
});

describe('chooseOffer', () => {
  const rules = associationRules(
    [
      ['tv', 'soundbar'],
      ['tv', 'soundbar'],
      ['tv', 'cable'],
      ['tv', 'cable'],
      ['tv', 'cable', 'soundbar'],
      ['phone', 'case'],
      ['phone', 'case'],
      ['soundbar'],
      ['cable'],
      ['laptop'],
    ],
    ANY,
  ).filter((rule) => rule.lift > 1);
  const client: OfferCandidate = {
    stage: 'client',
    bought: ['tv'],
    boughtRecently: [],
    offeredRecently: [],
    hasOpenCase: false,
  };

  it('offers the consequent of the best rule the customer’s basket starts, and says why', () => {
    const best = rules.filter((rule) => rule.antecedent === 'tv')[0]!;
    const choice = chooseOffer(client, rules);
    expect(choice).toMatchObject({ outcome: 'offer', rule: best });
    if (choice.outcome !== 'offer') throw new Error('no offer');
    expect(choice.reason).toContain(`bought tv`);
    expect(choice.reason).toContain(`also bought ${best.consequent}`);
  });

  it('skips what was bought or offered recently, taking the next rule', () => {
    const [first, second] = rules.filter((rule) => rule.antecedent === 'tv');
    expect(chooseOffer({ ...client, boughtRecently: [first!.consequent] }, rules)).toMatchObject({
      outcome: 'offer',
      rule: second,
    });
    expect(
      chooseOffer(
        { ...client, boughtRecently: [first!.consequent], offeredRecently: [second!.consequent] },
        rules,
      ),
    ).toMatchObject({ outcome: 'skip', skip: 'bought-recently' });
  });

  it('skips customers who are not Clients or Advocates, who have an open case, or whom no rule fits', () => {
    expect(chooseOffer({ ...client, stage: 'customer' }, rules)).toMatchObject({ skip: 'not-a-client' });
    expect(chooseOffer({ ...client, stage: null }, rules)).toMatchObject({ skip: 'not-a-client' });
    expect(chooseOffer({ ...client, stage: 'advocate' }, rules)).toMatchObject({ outcome: 'offer' });
    expect(chooseOffer({ ...client, hasOpenCase: true }, rules)).toMatchObject({ skip: 'open-case' });
    expect(chooseOffer({ ...client, bought: ['laptop'] }, rules)).toMatchObject({ skip: 'no-rule' });
  });

  it('never offers a category the customer bought recently, and always a rule from their basket', () => {
    fc.assert(
      fc.property(
        basketsArbitrary,
        fc.uniqueArray(fc.constantFrom(...CATEGORIES)),
        fc.uniqueArray(fc.constantFrom(...CATEGORIES)),
        (baskets, bought, recent) => {
          const learned = associationRules(baskets, ANY);
          const choice = chooseOffer({ ...client, bought, boughtRecently: recent }, learned);
          if (choice.outcome === 'offer') {
            expect(bought).toContain(choice.rule.antecedent);
            expect(recent).not.toContain(choice.rule.consequent);
            // No better rule was passed over.
            const better = learned.filter((rule) => compareRules(rule, choice.rule) < 0);
            for (const rule of better)
              expect(!bought.includes(rule.antecedent) || recent.includes(rule.consequent)).toBe(true);
          }
        },
      ),
    );
  });
});
