/**
 * The order in which follow-up cases are called: higher first, so valuable customers are called first.
 *
 *   priority = 4 × (10 − lowest score in the case)           0–40  a 0 is more urgent than a 6
 *            + 8 × min(answers in the case − 1, 3)            0–24  a customer who keeps telling us
 *            + 4 × (RFM monetary score − 1)                   0–16  what the customer is worth (none: 0)
 *            + churn risk: none 0, watch 8, high 16           0–16  a customer about to leave
 *            + 2 per 6 hours open, at most 16                 0–16  a case that has waited
 *            + preferred service: 8 per member tier rung        0–    a member of a higher tier
 *
 * Documented in docs/closing-the-loop.md.
 */
export interface CasePriorityInput {
  lowestScore: number;
  answerCount: number;
  monetaryScore?: number | null;
  churnLevel?: 'none' | 'watch' | 'high';
  /** How long the case has been open. */
  openForMs?: number;
  /** What the customer's member tier adds (preferredService in libs/domain/src/loyalty). */
  preferredBonus?: number;
}

const HOUR = 3_600_000;

export function casePriority(input: CasePriorityInput): number {
  const severity = 4 * (10 - Math.min(10, Math.max(0, input.lowestScore)));
  const repeats = 8 * Math.min(Math.max(0, input.answerCount - 1), 3);
  const value = input.monetaryScore ? 4 * (Math.min(5, Math.max(1, input.monetaryScore)) - 1) : 0;
  const churn = input.churnLevel === 'high' ? 16 : input.churnLevel === 'watch' ? 8 : 0;
  const age = Math.min(16, 2 * Math.floor(Math.max(0, input.openForMs ?? 0) / (6 * HOUR)));
  return severity + repeats + value + churn + age + Math.max(0, input.preferredBonus ?? 0);
}
