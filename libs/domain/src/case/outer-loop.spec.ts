import {
  keepsComingBack,
  outerLoopIsoWeeks,
  outerLoopWeeks,
  rootCauseTrends,
  type ResolvedRootCause,
} from './outer-loop.js';

const until = new Date('2026-11-23T05:30:00Z');
const weeks = outerLoopWeeks(until);
const daysAgo = (days: number) => new Date(until.getTime() - days * 86_400_000);
const resolved = (rootCause: string, days: number, storeId = 'tehran-01'): ResolvedRootCause => ({
  rootCause,
  storeId,
  resolvedAt: daysAgo(days),
});

describe('the outer-loop root-cause trends', () => {
  it('covers the four weeks before the report, oldest first, back to back', () => {
    expect(weeks).toHaveLength(4);
    expect(weeks[0]!.from).toEqual(daysAgo(28));
    expect(weeks[3]!.to).toEqual(until);
    for (let index = 1; index < weeks.length; index += 1)
      expect(weeks[index]!.from).toEqual(weeks[index - 1]!.to);
  });

  it('puts a cause found in three of the four weeks first, as one that keeps coming back', () => {
    const trends = rootCauseTrends(
      [
        resolved('price', 1),
        resolved('price', 2),
        resolved('price', 3),
        resolved('price', 4),
        resolved('wait-time', 26, 'tehran-02'),
        resolved('wait-time', 15),
        resolved('wait-time', 2),
      ],
      weeks,
    );
    expect(trends).toEqual([
      {
        rootCause: 'wait-time',
        perWeek: [1, 1, 0, 1],
        total: 3,
        recurring: true,
        stores: ['tehran-01', 'tehran-02'],
      },
      { rootCause: 'price', perWeek: [0, 0, 0, 4], total: 4, recurring: false, stores: ['tehran-01'] },
    ]);
  });

  it('leaves out what was resolved outside the four weeks', () => {
    expect(rootCauseTrends([resolved('delivery', 29), resolved('delivery', -1)], weeks)).toEqual([]);
    // The boundaries: a week's start belongs to it, the report's own instant does not.
    expect(rootCauseTrends([resolved('delivery', 28), resolved('delivery', 0)], weeks)).toEqual([
      { rootCause: 'delivery', perWeek: [1, 0, 0, 0], total: 1, recurring: false, stores: ['tehran-01'] },
    ]);
  });
});

describe("a root cause that keeps coming back, over a report's ISO weeks", () => {
  const lookBack = outerLoopIsoWeeks('2026-12-04');

  it("looks back over the last day's week and the three before it, across a year end too", () => {
    expect(lookBack).toEqual(['2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(outerLoopIsoWeeks('2027-01-05')).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
  });

  it('is a cause found in three of those four weeks, not in weeks before them', () => {
    expect(keepsComingBack(['2026-W46', '2026-W48', '2026-W49'], lookBack)).toBe(true);
    expect(keepsComingBack(['2026-W40', '2026-W41', '2026-W48', '2026-W49'], lookBack)).toBe(false);
    expect(keepsComingBack([], lookBack)).toBe(false);
  });
});
