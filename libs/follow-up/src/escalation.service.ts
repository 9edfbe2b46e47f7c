import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { EscalationTarget } from '#domain';
import { StorePolicies } from '#directory';
import { NotificationScheduler } from '#notifications';
import { LadderMetrics } from '#observability';
import type { OutboxTransaction } from '#outbox';
import { CaseHistoryRepository, CaseRepository, type CaseRecord } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { escalationTimer } from './case-timers.js';

export interface EscalationRequest {
  /** The step taken: 1 for the first. */
  level: number;
  to: EscalationTarget;
  actor: string;
  reason: string;
  /** Automatic steps schedule the next one; a manual escalation does not change the timers. */
  automatic: boolean;
}

/**
 * Past its due time a case escalates (DESIGN.md §5): the store manager, then the regional manager. Each
 * step is an e-mail and a history entry; a case that is no longer active never escalates.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
    private readonly stores: StorePolicies,
    private readonly notifications: NotificationScheduler,
    private readonly metrics: LadderMetrics,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** Takes one step on a locked case, in the caller's transaction; false when the step was taken before. */
  async escalate(
    transaction: OutboxTransaction,
    followUpCase: CaseRecord,
    request: EscalationRequest,
  ): Promise<boolean> {
    const { manager } = transaction;
    const store = await this.stores.of(manager, followUpCase.storeId);
    const recipient = request.to === 'store-manager' ? store.manager : store.regionManager;
    const key = request.automatic
      ? `case-escalation:${followUpCase.id}:${request.level}:${followUpCase.dueAt.getTime()}`
      : `case-escalation:${followUpCase.id}:manual:${Date.now()}`;
    const created = await this.notifications.schedule(transaction, [
      {
        key,
        kind: 'case-escalation',
        recipientEmail: recipient.email,
        recipientName: recipient.name,
        locale: store.locale,
        subjectIds: { caseId: followUpCase.id, level: String(request.level), to: request.to },
      },
    ]);
    if (created.length === 0) return false;
    // The first automatic step is the case running past its due time: an SLA breach.
    if (request.automatic && request.level === 1)
      transaction.afterCommit(() => this.metrics.slaBreaches.inc());
    await this.history.add(manager, followUpCase.id, request.actor, 'escalated', {
      level: request.level,
      to: request.to,
      reason: request.reason,
      automatic: request.automatic,
    });
    const escalated = await this.cases.update(manager, followUpCase.id, {
      escalationLevel: Math.max(followUpCase.escalationLevel, request.level),
      lastEscalatedAt: new Date(),
    });
    this.logger.log({
      message: 'case escalated',
      caseId: followUpCase.id,
      level: request.level,
      to: request.to,
    });
    if (request.automatic)
      transaction.publish(escalationTimer(escalated, this.config.followUp.escalationSteps));
    return true;
  }
}
