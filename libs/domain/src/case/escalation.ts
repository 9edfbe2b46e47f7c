/** Who a step of escalation goes to. */
export type EscalationTarget = 'store-manager' | 'regional-manager';

export interface EscalationStep {
  to: EscalationTarget;
  /** How long after the case's due time this step is taken. */
  afterDueMs: number;
}

export const DEFAULT_ESCALATION_STEPS: EscalationStep[] = [
  { to: 'store-manager', afterDueMs: 0 },
  { to: 'regional-manager', afterDueMs: 24 * 3_600_000 },
];

export interface NextEscalation {
  /** 1 for the first step. */
  level: number;
  to: EscalationTarget;
  at: Date;
}

/** The next escalation step of an active case that has taken `level` steps so far, or null when none is left. */
export function nextEscalation(
  dueAt: Date,
  escalationLevel: number,
  steps: readonly EscalationStep[],
): NextEscalation | null {
  const step = steps[escalationLevel];
  return step
    ? { level: escalationLevel + 1, to: step.to, at: new Date(dueAt.getTime() + step.afterDueMs) }
    : null;
}
