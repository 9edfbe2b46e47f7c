import { themeTotals } from './theme-totals.js';

describe('comment theme totals', () => {
  it('groups per bucket, oldest first, and totals by answers with their share', () => {
    const report = themeTotals(
      [
        { start: '2026-11-30', theme: 'price', answers: 1, detractors: 0 },
        { start: '2026-11-23', theme: 'wait-time', answers: 3, detractors: 3 },
        { start: '2026-11-23', theme: 'staff', answers: 4, detractors: 1 },
        { start: '2026-11-30', theme: 'wait-time', answers: 2, detractors: 1 },
      ],
      8,
    );
    expect(report.buckets).toEqual([
      {
        start: '2026-11-23',
        themes: [
          { theme: 'staff', answers: 4, detractors: 1 },
          { theme: 'wait-time', answers: 3, detractors: 3 },
        ],
      },
      {
        start: '2026-11-30',
        themes: [
          { theme: 'wait-time', answers: 2, detractors: 1 },
          { theme: 'price', answers: 1, detractors: 0 },
        ],
      },
    ]);
    expect(report.totals).toEqual([
      { theme: 'wait-time', answers: 5, detractors: 4, share: 0.625 },
      { theme: 'staff', answers: 4, detractors: 1, share: 0.5 },
      { theme: 'price', answers: 1, detractors: 0, share: 0.125 },
    ]);
  });

  it('answers empty lists without answers', () => {
    expect(themeTotals([], 0)).toEqual({ buckets: [], totals: [] });
  });
});
