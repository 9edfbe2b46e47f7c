import { jobRequest } from '#contracts';
import { nextEscalation, type EscalationStep } from '#domain';
import type { OutboxMessage } from '#persistence';

/**
 * The delayed job that takes a case's next escalation step when it falls due. Its id names the case, the
 * step and the due time: asking twice queues one job, and a job made for an old due time (the SLA changed,
 * the case was reopened) finds the case moved on and does nothing.
 */
export function escalationTimer(
  followUpCase: { id: string; dueAt: Date; escalationLevel: number },
  steps: readonly EscalationStep[],
): OutboxMessage[] {
  const next = nextEscalation(followUpCase.dueAt, followUpCase.escalationLevel, steps);
  if (!next) return [];
  const dueAt = followUpCase.dueAt.getTime();
  return [
    {
      kind: 'job',
      job: jobRequest(
        'escalate-case',
        `${followUpCase.id}/${next.level}/${dueAt}`,
        { caseId: followUpCase.id, level: next.level, dueAt },
        next.at,
      ),
    },
  ];
}
