import { type FloodRule } from './triage-rules.js';

/**
 * A customer floods when they gave at least `maxAnswers` other answers in the `withinMs` before this one:
 * answers at t with occurredAt − withinMs < t ≤ occurredAt count. Later answers never count, so an
 * answer's flag does not change when answers arrive out of order; answers at the very same instant count
 * for each other. Invalid dates never count.
 */
export function isFlood(occurredAt: Date, otherAnswerTimes: readonly Date[], rule: FloodRule): boolean {
  const at = occurredAt.getTime();
  const windowStart = at - rule.withinMs;
  const earlier = otherAnswerTimes.filter((time) => {
    const answeredAt = time.getTime();
    return answeredAt > windowStart && answeredAt <= at;
  });
  return earlier.length >= rule.maxAnswers;
}
