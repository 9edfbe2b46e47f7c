import type { LadderConfig } from '#config';

/** A case's page, as alert, escalation and huddle e-mails link to it. */
export function caseUrl(config: Pick<LadderConfig, 'publicUrl'>, caseId: string): string {
  return `${config.publicUrl}/cases/${encodeURIComponent(caseId)}`;
}
