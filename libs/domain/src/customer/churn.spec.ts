import { DAY_MS, type CustomerFact } from './customer-fact.js';
import { churnRisk, DEFAULT_CHURN_RULES, usualPurchaseInterval } from './churn.js';

const start = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number) => new Date(start + n * DAY_MS);
const purchase = (n: number): CustomerFact => ({
  kind: 'purchase',
  id: `p${n}`,
  at: day(n),
  storeId: 's',
  amountMinor: 100,
  currency: 'USD',
  referred: false,
});
const answer = (n: number, score: number): CustomerFact => ({
  kind: 'answer',
  id: `a${n}`,
  at: day(n),
  storeId: 's',
  score,
});

describe('churn risk', () => {
  const monthly = [purchase(0), purchase(30), purchase(60), purchase(90)];

  it("learns the customer's own rhythm", () => {
    expect(usualPurchaseInterval(monthly, 3)).toBe(30);
    expect(usualPurchaseInterval(monthly.slice(0, 2), 3)).toBeNull();
  });

  it('flags a broken rhythm once the customer is late against it, and says when it would', () => {
    expect(churnRisk(monthly, DEFAULT_CHURN_RULES, day(140))).toEqual({
      level: 'none',
      reasons: [],
      changesAt: new Date(day(150).getTime() + 1),
    });
    expect(churnRisk(monthly, DEFAULT_CHURN_RULES, day(151))).toEqual({
      level: 'watch',
      reasons: [{ code: 'rhythm-broken', usualIntervalDays: 30, daysSinceLastPurchase: 61 }],
      changesAt: null,
    });
  });

  it('flags a falling score and low scores', () => {
    expect(churnRisk([answer(1, 10), answer(2, 6)], DEFAULT_CHURN_RULES, day(3)).reasons).toEqual([
      { code: 'score-falling', from: 10, to: 6 },
    ]);
    expect(churnRisk([answer(1, 5), answer(2, 3)], DEFAULT_CHURN_RULES, day(3)).reasons).toEqual([
      { code: 'scores-low', scores: [5, 3] },
    ]);
    expect(churnRisk([answer(1, 9), answer(2, 8)], DEFAULT_CHURN_RULES, day(3)).level).toBe('none');
  });

  it('is high when the rhythm broke and the scores fell together', () => {
    const risk = churnRisk([...monthly, answer(95, 9), answer(100, 4)], DEFAULT_CHURN_RULES, day(200));
    expect(risk.level).toBe('high');
    expect(risk.reasons.map((reason) => reason.code)).toEqual(['rhythm-broken', 'score-falling']);
  });

  it('clears the rhythm flag with the next purchase', () => {
    expect(churnRisk([...monthly, purchase(160)], DEFAULT_CHURN_RULES, day(161)).level).toBe('none');
  });
});
