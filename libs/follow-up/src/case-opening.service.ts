import { LADDER_CONFIG, type LadderConfig } from '#config';
import { casePriority } from '#domain';
import { escalationTimer } from '#follow-up';
import { NotificationScheduler, TransactionalOutbox } from '#outbox';
import { CaseRepository, DirectoryRepository } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { EntityManager } from 'typeorm';

export type FollowUpOutcome =
  | { outcome: 'opened'; caseId: string }
  | { outcome: 'joined'; caseId: string }
  | { outcome: 'already-handled'; caseId: string }
  | { outcome: 'not-a-detractor' };

const SYSTEM_ACTOR = 'ladder';

/**
 * Closing the loop (DESIGN.md §5): every detractor answer belongs to exactly one follow-up case. It opens
 * a case, or joins the customer's open case at that store; a new case alerts the store's manager.
 */
@Injectable()
export class FollowUpService {
  private readonly logger = new Logger(FollowUpService.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
    private readonly notifications: NotificationScheduler,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** The case's priority from its answers and its customer's value and churn risk (docs/closing-the-loop.md). */
  private async refreshPriority(manager: EntityManager, caseId: string): Promise<void> {
    const [context] = await this.cases.priorityContexts(manager, [caseId]);
    if (context) {
      await this.cases.setPriority(
        manager,
        caseId,
        casePriority({ ...context, openForMs: Date.now() - context.createdAt.getTime() }),
      );
    }
  }

  async followUp(surveyEventId: string): Promise<FollowUpOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<FollowUpOutcome> => {
      const { manager } = transaction;
      const answer = await this.cases.findAnswer(manager, surveyEventId);
      if (!answer) throw new UnrecoverableError(`survey answer ${surveyEventId} does not exist`);
      if (answer.classification !== 'detractor') return { outcome: 'not-a-detractor' };
      await this.cases.lockCustomerAtStore(manager, answer.customerId, answer.storeId);
      const existingCaseId = await this.cases.caseOfAnswer(manager, surveyEventId);
      if (existingCaseId) return { outcome: 'already-handled', caseId: existingCaseId };

      const active = await this.cases.findActiveCase(manager, answer.customerId, answer.storeId);
      if (active) {
        await this.cases.attachAnswer(manager, active.id, surveyEventId);
        await this.cases.addHistory(manager, active.id, SYSTEM_ACTOR, 'answer-joined', {
          surveyEventId,
          score: answer.score,
        });
        await this.refreshPriority(manager, active.id);
        return { outcome: 'joined', caseId: active.id };
      }

      const store = await this.directory.findStore(manager, answer.storeId);
      const slaMs = store?.followUpSlaMs ?? this.config.followUp.defaultSlaMs;
      const opened = await this.cases.open(manager, {
        customerId: answer.customerId,
        storeId: answer.storeId,
        priority: casePriority({ lowestScore: answer.score, answerCount: 1 }),
        openedByEventId: surveyEventId,
        dueAt: new Date(Date.now() + slaMs),
      });
      await this.cases.attachAnswer(manager, opened.id, surveyEventId);
      await this.refreshPriority(manager, opened.id);
      await this.cases.addHistory(manager, opened.id, SYSTEM_ACTOR, 'opened', {
        surveyEventId,
        score: answer.score,
        slaMs,
        owner: store ? 'store-team' : 'fallback-owner',
      });
      await this.notifications.schedule(transaction, [
        {
          key: `case-alert:${opened.id}`,
          kind: 'case-alert',
          recipientEmail: store?.managerEmail ?? this.config.fallbackOwnerEmail,
          recipientName: store?.managerName ?? null,
          locale: store?.locale ?? 'en',
          subjectIds: { caseId: opened.id },
        },
      ]);
      // The escalation timer starts with the case: it fires when the case falls due, unless it is resolved.
      transaction.publish(escalationTimer(opened, this.config.followUp.escalationSteps));
      return { outcome: 'opened', caseId: opened.id };
    });
    if (result.outcome !== 'not-a-detractor') {
      this.logger.log({ message: `follow-up case ${result.outcome}`, surveyEventId, caseId: result.caseId });
    }
    return result;
  }
}
