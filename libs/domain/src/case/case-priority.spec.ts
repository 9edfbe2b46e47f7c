import { casePriority } from './case-priority.js';

const HOUR = 3_600_000;

describe('casePriority', () => {
  it('adds up the documented parts', () => {
    expect(casePriority({ lowestScore: 0, answerCount: 1 })).toBe(40);
    expect(
      casePriority({
        lowestScore: 6,
        answerCount: 3,
        monetaryScore: 5,
        churnLevel: 'high',
        openForMs: 12 * HOUR,
      }),
    ).toBe(16 + 16 + 16 + 16 + 4);
  });

  it('calls valuable customers and customers about to leave first', () => {
    const base = { lowestScore: 4, answerCount: 1 };
    expect(casePriority({ ...base, monetaryScore: 5 })).toBeGreaterThan(
      casePriority({ ...base, monetaryScore: 1 }),
    );
    expect(casePriority({ ...base, churnLevel: 'high' })).toBeGreaterThan(
      casePriority({ ...base, churnLevel: 'watch' }),
    );
  });

  it('lets age count, up to a cap', () => {
    const base = { lowestScore: 4, answerCount: 1 };
    expect(casePriority({ ...base, openForMs: 5 * HOUR })).toBe(casePriority(base));
    expect(casePriority({ ...base, openForMs: 6 * HOUR })).toBe(casePriority(base) + 2);
    expect(casePriority({ ...base, openForMs: 1000 * HOUR })).toBe(casePriority(base) + 16);
  });

  it('caps repeated answers', () => {
    expect(casePriority({ lowestScore: 5, answerCount: 10 })).toBe(
      casePriority({ lowestScore: 5, answerCount: 4 }),
    );
  });
});
