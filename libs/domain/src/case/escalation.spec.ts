import { DEFAULT_ESCALATION_STEPS, nextEscalation } from './escalation.js';
import { recoveryOf } from './recovery.js';

describe('escalation', () => {
  const due = new Date('2026-11-21T10:00:00Z');

  it('goes to the store manager when the case is due, then to the regional manager a day later', () => {
    expect(nextEscalation(due, 0, DEFAULT_ESCALATION_STEPS)).toEqual({
      level: 1,
      to: 'store-manager',
      at: due,
    });
    expect(nextEscalation(due, 1, DEFAULT_ESCALATION_STEPS)).toEqual({
      level: 2,
      to: 'regional-manager',
      at: new Date('2026-11-22T10:00:00Z'),
    });
    expect(nextEscalation(due, 2, DEFAULT_ESCALATION_STEPS)).toBeNull();
  });
});

describe('recovery', () => {
  const resolvedAt = new Date('2026-11-21T10:00:00Z');
  const fact = (kind: 'purchase' | 'answer', at: string, score = 0) =>
    kind === 'purchase'
      ? { kind, id: at, at: new Date(at), storeId: 's', amountMinor: 1, currency: 'USD', referred: false }
      : { kind, id: at, at: new Date(at), storeId: 's', score };

  it('counts a purchase after the resolution', () => {
    expect(
      recoveryOf(resolvedAt, 4, [
        fact('purchase', '2026-11-20T00:00:00Z'),
        fact('purchase', '2026-11-25T00:00:00Z'),
      ]),
    ).toEqual({
      by: 'purchase',
      at: new Date('2026-11-25T00:00:00Z'),
    });
  });

  it('counts an answer higher than every answer in the case', () => {
    expect(recoveryOf(resolvedAt, 4, [fact('answer', '2026-11-22T00:00:00Z', 4)])).toBeNull();
    expect(recoveryOf(resolvedAt, 4, [fact('answer', '2026-11-22T00:00:00Z', 8)])).toEqual({
      by: 'higher-answer',
      at: new Date('2026-11-22T00:00:00Z'),
    });
  });
});
