/**
 * The order in which follow-up cases should be called: higher first. A first, documented rule that the
 * case-workflow work refines with customer value and churn risk:
 *
 *   priority = 5 × (10 − lowest score in the case)      (0–50: a 0 is more urgent than a 6)
 *            + 10 × min(answers in the case − 1, 3)     (0–30: a customer who keeps telling us)
 */
export interface CasePriorityInput {
  lowestScore: number;
  answerCount: number;
}

export function casePriority(input: CasePriorityInput): number {
  const severity = 5 * (10 - Math.min(10, Math.max(0, input.lowestScore)));
  const repeats = 10 * Math.min(Math.max(0, input.answerCount - 1), 3);
  return severity + repeats;
}
