import { casePriority } from './case-priority.js';

describe('casePriority', () => {
  it('puts a lower score first', () => {
    expect(casePriority({ lowestScore: 0, answerCount: 1 })).toBeGreaterThan(
      casePriority({ lowestScore: 6, answerCount: 1 }),
    );
  });

  it('puts a customer who keeps complaining first, up to a cap', () => {
    const once = casePriority({ lowestScore: 5, answerCount: 1 });
    const thrice = casePriority({ lowestScore: 5, answerCount: 3 });
    expect(thrice).toBe(once + 20);
    expect(casePriority({ lowestScore: 5, answerCount: 10 })).toBe(
      casePriority({ lowestScore: 5, answerCount: 4 }),
    );
  });
});
