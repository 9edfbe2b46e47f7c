import fc from 'fast-check';
import { DAY_MS, type CustomerFact } from './customer-fact.js';
import {
  quintileBoundaries,
  rfmBoundaries,
  rfmMetrics,
  rfmScores,
  segmentOf,
  SEGMENTS,
  type RfmMetrics,
} from './rfm.js';

const now = new Date('2026-11-20T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
const purchase = (id: string, days: number, amountMinor: number, currency = 'USD'): CustomerFact => ({
  kind: 'purchase',
  id,
  at: daysAgo(days),
  storeId: 's',
  amountMinor,
  currency,
  referred: false,
});

describe('RFM', () => {
  it('measures recency, frequency and spend within the window in the main currency', () => {
    const metrics = rfmMetrics(
      [
        purchase('a', 400, 99_999),
        purchase('b', 100, 2_000),
        purchase('c', 10, 3_000),
        purchase('d', 50, 5, 'IRR'),
      ],
      now,
      365 * DAY_MS,
    );
    expect(metrics).toEqual({
      recencyDays: 10,
      frequency: 3,
      monetary: { currency: 'USD', amountMinor: 5_000 },
    });
  });

  it('has no metrics without a purchase', () => {
    expect(
      rfmMetrics([{ kind: 'answer', id: 'x', at: daysAgo(1), storeId: 's', score: 9 }], now, 365 * DAY_MS),
    ).toBeNull();
  });

  it('scores against quintiles of the customer base', () => {
    const base: RfmMetrics[] = Array.from({ length: 10 }, (_, index) => ({
      recencyDays: index * 10,
      frequency: index + 1,
      monetary: { currency: 'USD', amountMinor: (index + 1) * 1000 },
    }));
    const boundaries = rfmBoundaries(base);
    expect(boundaries.recencyDays).toEqual([10, 30, 50, 70]);
    expect(rfmScores(base[0]!, boundaries)).toEqual({ recency: 5, frequency: 1, monetary: 1 });
    expect(rfmScores(base[9]!, boundaries)).toEqual({ recency: 1, frequency: 5, monetary: 5 });
  });

  it('names segments by the documented rules', () => {
    expect(segmentOf({ recency: 5, frequency: 5, monetary: 5 })).toBe('champions');
    expect(segmentOf({ recency: 3, frequency: 5, monetary: 1 })).toBe('loyal');
    expect(segmentOf({ recency: 5, frequency: 2, monetary: 1 })).toBe('potential');
    expect(segmentOf({ recency: 5, frequency: 1, monetary: 5 })).toBe('new');
    expect(segmentOf({ recency: 3, frequency: 2, monetary: 2 })).toBe('needs-attention');
    expect(segmentOf({ recency: 1, frequency: 4, monetary: 5 })).toBe('at-risk');
    expect(segmentOf({ recency: 2, frequency: 1, monetary: 1 })).toBe('hibernating');
    expect(segmentOf({ recency: 1, frequency: 2, monetary: 3 })).toBe('lost');
    expect(segmentOf(null)).toBe('prospect');
  });
});

const metricsArbitrary = fc.record({
  recencyDays: fc.nat(1000),
  frequency: fc.integer({ min: 1, max: 50 }),
  monetary: fc.record({ currency: fc.constantFrom('USD', 'IRR'), amountMinor: fc.nat(10_000_000) }),
});

describe('RFM properties', () => {
  it('gives every customer scores from 1 to 5 and a named segment', () => {
    fc.assert(
      fc.property(fc.array(metricsArbitrary, { minLength: 1, maxLength: 60 }), (base) => {
        const boundaries = rfmBoundaries(base);
        for (const metrics of base) {
          const scores = rfmScores(metrics, boundaries);
          for (const score of Object.values(scores)) expect(score >= 1 && score <= 5).toBe(true);
          expect(SEGMENTS).toContain(segmentOf(scores));
          expect(segmentOf(scores)).not.toBe('prospect');
        }
      }),
    );
  });

  it('does not depend on the order of the customer base', () => {
    fc.assert(
      fc.property(
        fc
          .array(metricsArbitrary, { maxLength: 60 })
          .chain((base) =>
            fc.tuple(
              fc.constant(base),
              fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
            ),
          ),
        ([base, shuffled]) => {
          expect(rfmBoundaries(shuffled)).toEqual(rfmBoundaries(base));
        },
      ),
    );
  });

  it('never scores a more recent, more frequent or bigger customer lower', () => {
    fc.assert(
      fc.property(
        fc.array(metricsArbitrary, { minLength: 1, maxLength: 60 }),
        metricsArbitrary,
        (base, metrics) => {
          const boundaries = rfmBoundaries(base);
          const scores = rfmScores(metrics, boundaries);
          const better = rfmScores(
            {
              recencyDays: Math.max(0, metrics.recencyDays - 5),
              frequency: metrics.frequency + 1,
              monetary: { ...metrics.monetary, amountMinor: metrics.monetary.amountMinor + 100 },
            },
            boundaries,
          );
          expect(better.recency).toBeGreaterThanOrEqual(scores.recency);
          expect(better.frequency).toBeGreaterThanOrEqual(scores.frequency);
          expect(better.monetary).toBeGreaterThanOrEqual(scores.monetary);
        },
      ),
    );
  });

  it('places quintile boundaries on values of the list, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1 }), (values) => {
        const boundaries = quintileBoundaries(values);
        expect(boundaries).toHaveLength(4);
        expect([...boundaries].sort((a, b) => a - b)).toEqual(boundaries);
        for (const boundary of boundaries) expect(values).toContain(boundary);
      }),
    );
  });
});
