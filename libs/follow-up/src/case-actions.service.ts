import { LADDER_CONFIG, type LadderConfig } from '#config';
import { isUuid, jobRequest, LadderError } from '#contracts';
import { applyCaseAction, type CaseAction, type CaseActor, type CaseChange } from '#domain';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import { StorePolicies } from '#directory';
import {
  CaseHistoryRepository,
  CaseRepository,
  type CaseRecord,
  type CaseScope,
  type CaseUpdate,
  type OutboxMessage,
} from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { escalationTimer } from './case-timers.js';
import { EscalationService } from './escalation.service.js';
import { PreferredService } from './preferred-service.js';

export interface CasePerson extends CaseActor {
  /** How the person appears in the case's history. */
  name: string;
}

/** Why an action on a case was refused: the case is not the caller's to see, or not in a state for it. */
export class CaseActionError extends LadderError {
  constructor(code: 'not-found' | 'invalid-transition' | 'claimed-by-another' | 'conflict', message: string) {
    super(code === 'not-found' ? 'not-found' : 'conflict', code, message);
  }
}

const HISTORY_ACTIONS: Record<CaseAction['type'], string> = {
  claim: 'claimed',
  note: 'note',
  contact: 'contact',
  resolve: 'resolved',
  reopen: 'reopened',
  close: 'closed',
  escalate: 'escalated',
};

/**
 * Working a case (DESIGN.md §4.5): claim, note, contact attempts, resolve with a root cause, close, reopen,
 * escalate. Each action is one transaction on the locked case, checked by the workflow's rules, written to
 * the case's history with who and when, and its effects (a re-survey later, new escalation timers) are
 * decided in the same transaction.
 */
@Injectable()
export class CaseActionsService {
  private readonly logger = new Logger(CaseActionsService.name);

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

  async act(caseId: string, action: CaseAction, person: CasePerson, scope: CaseScope): Promise<CaseRecord> {
    if (!isUuid(caseId)) throw new CaseActionError('not-found', 'The case was not found');
    const updated = await this.transactions
      .run(async (transaction) => {
        const { manager } = transaction;
        const followUpCase = await this.cases.findForUpdate(manager, caseId, scope);
        if (!followUpCase) throw new CaseActionError('not-found', 'The case was not found');
        const transition = applyCaseAction(
          { status: followUpCase.status, ownerId: followUpCase.ownerId },
          action,
          person,
        );
        if (!transition.ok) throw new CaseActionError(transition.code, transition.message);
        const { update, effects } = await this.plan(manager, followUpCase, action, transition.change, person);
        const changed = await this.cases.update(manager, followUpCase.id, update);
        if (action.type !== 'escalate') {
          await this.history.add(
            manager,
            followUpCase.id,
            person.name,
            HISTORY_ACTIONS[action.type],
            historyDetails(action),
          );
        }
        transaction.publish(effects);
        await this.afterUpdate(transaction, changed, action, person);
        return changed;
      })
      .catch((error: unknown) => {
        // Reopening while the customer already has another active case at the store breaks the one-case rule.
        if (
          (error as { code?: string }).code === '23505' ||
          (error as { driverError?: { code?: string } }).driverError?.code === '23505'
        ) {
          throw new CaseActionError(
            'conflict',
            'The customer has another open case at this store; work that one instead.',
          );
        }
        throw error;
      });
    this.logger.log({ message: `case ${HISTORY_ACTIONS[action.type]}`, caseId, status: updated.status });
    return this.cases
      .find(this.dataSource.manager, caseId, { kind: 'all' })
      .then((found) => found ?? updated);
  }

  private async plan(
    manager: EntityManager,
    followUpCase: CaseRecord,
    action: CaseAction,
    change: CaseChange,
    person: CasePerson,
  ): Promise<{ update: CaseUpdate; effects: OutboxMessage[] }> {
    const now = new Date();
    const update: CaseUpdate = { status: change.status };
    const effects: OutboxMessage[] = [];
    if (change.ownerId !== undefined) {
      update.ownerId = change.ownerId;
      update.ownerName = change.ownerId === null ? null : person.name;
    }
    if (change.contactAttempt) update.addContactAttempt = true;
    if (change.status === 'resolved' && followUpCase.status !== 'resolved') {
      update.outcome = change.outcome ?? 'resolved';
      update.rootCause = change.rootCause ?? null;
      update.resolution = change.resolution ?? null;
      update.resolvedAt = now;
      update.recoveryStatus = update.outcome === 'resolved' ? 'waiting' : 'not-applicable';
      if (update.outcome === 'resolved') {
        effects.push({
          kind: 'job',
          job: jobRequest(
            'resurvey-customer',
            `${followUpCase.id}/${now.getTime()}`,
            { caseId: followUpCase.id },
            new Date(now.getTime() + this.config.followUp.resurveyAfterMs),
          ),
        });
      }
    }
    if (action.type === 'close') update.closedAt = now;
    if (action.type === 'reopen') {
      const store = await this.stores.of(manager, followUpCase.storeId);
      const slaMs = await this.preferred.slaMs(manager, followUpCase.customerId, store);
      Object.assign(update, {
        outcome: null,
        rootCause: null,
        resolution: null,
        resolvedAt: null,
        closedAt: null,
        recoveryStatus: 'not-applicable',
        escalationLevel: 0,
        lastEscalatedAt: null,
        dueAt: new Date(now.getTime() + slaMs),
        addReopen: true,
      } satisfies CaseUpdate);
    }
    return { update, effects };
  }

  private async afterUpdate(
    transaction: OutboxTransaction,
    updated: CaseRecord,
    action: CaseAction,
    person: CasePerson,
  ): Promise<void> {
    if (action.type === 'reopen')
      transaction.publish(escalationTimer(updated, this.config.followUp.escalationSteps));
    if (action.type === 'escalate') {
      const steps = this.config.followUp.escalationSteps;
      const level = Math.min(updated.escalationLevel + 1, steps.length);
      await this.escalation.escalate(transaction, updated, {
        level,
        to: steps[level - 1]?.to ?? 'regional-manager',
        actor: person.name,
        reason: action.reason,
        automatic: false,
      });
    }
  }
}

function historyDetails(action: CaseAction): Record<string, unknown> {
  switch (action.type) {
    case 'note':
      return { text: action.text };
    case 'contact':
      return { result: action.result, ...(action.note ? { note: action.note } : {}) };
    case 'resolve':
      return { rootCause: action.rootCause, actionTaken: action.actionTaken };
    case 'reopen':
      return { reason: action.reason };
    default:
      return {};
  }
}
