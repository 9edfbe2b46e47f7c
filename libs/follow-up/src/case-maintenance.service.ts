import { LADDER_CONFIG, type LadderConfig } from '#config';
import { TransactionalOutbox } from '#outbox';
import { StorePolicies } from '#directory';
import { CaseHistoryRepository, CaseRepository } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escalationTimer } from './case-timers.js';
import { EscalationService } from './escalation.service.js';
import { PreferredService } from './preferred-service.js';

const PAGE = 200;

export type EscalationOutcome =
  | 'escalated'
  | 'not-active'
  | 'stale'
  | 'already-escalated'
  | 'missing'
  /** The timer ran early (a retried or re-created job): the step waits for its time, it is not taken now. */
  | { notDueUntil: Date };

/** The timers of open cases: escalation steps, the sweep behind them, priorities, SLA changes. */
@Injectable()
export class CaseMaintenanceService {
  private readonly logger = new Logger(CaseMaintenanceService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
    private readonly stores: StorePolicies,
    private readonly preferred: PreferredService,
    private readonly escalation: EscalationService,
    private readonly transactions: TransactionalOutbox,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /**
   * One escalation step, as its timer fires. The case decides: a resolved case, a step already taken or a
   * timer made for an old due time does nothing.
   */
  async escalateStep(caseId: string, level: number, dueAt: number): Promise<EscalationOutcome> {
    return this.transactions.run(async (transaction): Promise<EscalationOutcome> => {
      const followUpCase = await this.cases.findForUpdate(transaction.manager, caseId, { kind: 'all' });
      if (!followUpCase) return 'missing';
      if (!['open', 'claimed', 'contact-attempted', 'contacted'].includes(followUpCase.status))
        return 'not-active';
      if (followUpCase.dueAt.getTime() !== dueAt) return 'stale';
      if (followUpCase.escalationLevel >= level) return 'already-escalated';
      const step = this.config.followUp.escalationSteps[level - 1];
      if (!step) return 'already-escalated';
      const stepAt = followUpCase.dueAt.getTime() + step.afterDueMs;
      if (stepAt > Date.now()) return { notDueUntil: new Date(stepAt) };
      await this.escalation.escalate(transaction, followUpCase, {
        level,
        to: step.to,
        actor: 'ladder',
        reason: 'past its due time',
        automatic: true,
      });
      return 'escalated';
    });
  }

  /**
   * The safety net behind the timers: cases whose next step is due but was not taken (Redis lost its delayed
   * jobs, a worker was down) are escalated now. Cheap: an index on the due time of active cases.
   */
  async escalationSweep(): Promise<number> {
    const offsets = this.config.followUp.escalationSteps.map((step) => step.afterDueMs);
    let escalated = 0;
    for (;;) {
      const count = await this.transactions.run(async (transaction) => {
        const due = await this.cases.claimDueForEscalation(transaction.manager, offsets, new Date(), PAGE);
        for (const followUpCase of due) {
          const step = this.config.followUp.escalationSteps[followUpCase.escalationLevel]!;
          await this.escalation.escalate(transaction, followUpCase, {
            level: followUpCase.escalationLevel + 1,
            to: step.to,
            actor: 'ladder',
            reason: 'past its due time',
            automatic: true,
          });
        }
        return due.length;
      });
      escalated += count;
      if (count < PAGE) break;
    }
    if (escalated > 0)
      this.logger.log({ message: 'escalation sweep took steps the timers had not', escalated });
    return escalated;
  }

  /** Recomputes the priority of every open case: age, the customer's value and churn risk change. */
  async refreshPriorities(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const now = Date.now();
      const contexts = await this.cases.priorityContexts(manager);
      const changed = contexts
        .map((context) => ({
          id: context.id,
          previous: context.priority,
          priority: this.preferred.priority({ ...context, openForMs: now - context.createdAt.getTime() }),
        }))
        .filter((item) => item.priority !== item.previous);
      await this.cases.setPriorities(manager, changed);
      return changed.length;
    });
  }

  /**
   * A store's SLA changed: each of its open cases is due its new SLA after it was opened (or reopened), and
   * gets a timer for its next escalation step at the new time; timers made for the old time go stale.
   */
  async rescheduleStore(storeId: string): Promise<number> {
    const count = await this.transactions.run(async ({ manager, publish }) => {
      const store = await this.stores.of(manager, storeId);
      const open = await this.cases.activeCasesOfStore(manager, storeId);
      let moved = 0;
      for (const followUpCase of open) {
        const slaMs = await this.preferred.slaMs(manager, followUpCase.customerId, store);
        const since = await this.history.openedSince(manager, followUpCase.id);
        const dueAt = new Date(since.getTime() + slaMs);
        if (dueAt.getTime() === followUpCase.dueAt.getTime()) continue;
        const updated = await this.cases.update(manager, followUpCase.id, { dueAt });
        await this.history.add(manager, followUpCase.id, 'ladder', 'due-time-changed', {
          from: followUpCase.dueAt.toISOString(),
          to: dueAt.toISOString(),
          slaMs,
        });
        publish(escalationTimer(updated, this.config.followUp.escalationSteps));
        moved += 1;
      }
      return moved;
    });
    if (count > 0)
      this.logger.log({ message: 'open cases rescheduled after an SLA change', storeId, cases: count });
    return count;
  }
}
