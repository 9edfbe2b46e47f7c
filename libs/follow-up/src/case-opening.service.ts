import { LADDER_CONFIG, type LadderConfig } from '#config';
import { StorePolicies } from '#directory';
import { answerTriggers, casePriority } from '#domain';
import { NotificationScheduler } from '#notifications';
import { LadderMetrics } from '#observability';
import { TransactionalOutbox } from '#outbox';
import { CaseHistoryRepository, CaseRepository, SurveyAnswerRepository } from '#persistence';
import { jobRequest, type JobRequest } from '#contracts';
import { reconcileWindow } from '#queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { escalationTimer } from './case-timers.js';
import { PreferredService } from './preferred-service.js';

export type CaseOpeningOutcome =
  | { outcome: 'opened'; caseId: string }
  | { outcome: 'joined'; caseId: string }
  | { outcome: 'already-handled'; caseId: string }
  | { outcome: 'not-a-detractor' };

const SYSTEM_ACTOR = 'ladder';

/** How far back the reconciler looks for detractor answers without a case, and how many it takes a pass. */
const RECONCILE_LOOK_BACK_MS = 7 * 24 * 3_600_000;
const RECONCILE_LIMIT = 2_000;

/**
 * Closing the loop (DESIGN.md §5): every detractor answer belongs to exactly one follow-up case. It opens
 * a case, or joins the customer's open case at that store; a new case alerts the store's manager and starts
 * its escalation timer.
 */
@Injectable()
export class CaseOpeningService {
  private readonly logger = new Logger(CaseOpeningService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
    private readonly answers: SurveyAnswerRepository,
    private readonly stores: StorePolicies,
    private readonly notifications: NotificationScheduler,
    private readonly metrics: LadderMetrics,
    private readonly preferred: PreferredService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async openOrJoinCase(surveyEventId: string): Promise<CaseOpeningOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<CaseOpeningOutcome> => {
      const { manager } = transaction;
      const answer = await this.answers.find(manager, surveyEventId);
      if (!answer) throw new UnrecoverableError(`survey answer ${surveyEventId} does not exist`);
      if (!answerTriggers(answer).followUpCase) return { outcome: 'not-a-detractor' };
      await this.cases.lockCustomerAtStore(manager, answer.customerId, answer.storeId);
      const existingCaseId = await this.cases.caseOfAnswer(manager, surveyEventId);
      if (existingCaseId) return { outcome: 'already-handled', caseId: existingCaseId };

      const active = await this.cases.findActiveCase(manager, answer.customerId, answer.storeId);
      if (active) {
        await this.cases.attachAnswer(manager, active.id, surveyEventId);
        await this.history.add(manager, active.id, SYSTEM_ACTOR, 'answer-joined', {
          surveyEventId,
          score: answer.score,
        });
        await this.refreshPriority(manager, active.id);
        transaction.afterCommit(() => this.measure(answer.producedAt));
        return { outcome: 'joined', caseId: active.id };
      }

      const store = await this.stores.of(manager, answer.storeId);
      // A member of a tier with preferred service is due sooner (docs/promoter-loop.md, Tiers).
      const slaMs = await this.preferred.slaMs(manager, answer.customerId, store);
      const opened = await this.cases.open(manager, {
        customerId: answer.customerId,
        storeId: answer.storeId,
        priority: casePriority({ lowestScore: answer.score, answerCount: 1 }),
        openedByEventId: surveyEventId,
        dueAt: new Date(Date.now() + slaMs),
      });
      await this.cases.attachAnswer(manager, opened.id, surveyEventId);
      await this.refreshPriority(manager, opened.id);
      await this.history.add(manager, opened.id, SYSTEM_ACTOR, 'opened', {
        surveyEventId,
        score: answer.score,
        slaMs,
        owner: store.known ? 'store-team' : 'fallback-owner',
      });
      await this.notifications.schedule(transaction, [
        {
          key: `case-alert:${opened.id}`,
          kind: 'case-alert',
          recipientEmail: store.manager.email,
          recipientName: store.manager.name,
          locale: store.locale,
          subjectIds: { caseId: opened.id },
        },
      ]);
      // The escalation timer starts with the case: it fires when the case falls due, unless it is resolved.
      transaction.publish(escalationTimer(opened, this.config.followUp.escalationSteps));
      transaction.afterCommit(() => this.measure(answer.producedAt));
      return { outcome: 'opened', caseId: opened.id };
    });
    if (result.outcome !== 'not-a-detractor') {
      this.logger.log({ message: `follow-up case ${result.outcome}`, surveyEventId, caseId: result.caseId });
    }
    return result;
  }

  /**
   * For the reconciler: the case-opening job of every detractor answer of the last week that has no case,
   * so one lost with Redis's data, or run out of attempts during a database outage, opens its case.
   */
  async jobsToReconcile(): Promise<JobRequest[]> {
    const answers = await this.answers.detractorsWithoutCase(
      this.dataSource.manager,
      reconcileWindow(RECONCILE_LOOK_BACK_MS),
      RECONCILE_LIMIT,
    );
    return answers.map((surveyEventId) =>
      jobRequest('open-follow-up-case', surveyEventId, { surveyEventId }),
    );
  }

  /** How long the detractor's answer took from its arrival in Kafka to its case. */
  private measure(producedAt: Date | null): void {
    const seconds = LadderMetrics.secondsSince(producedAt);
    if (seconds !== null) this.metrics.detractorCaseLatency.observe(seconds);
  }

  /**
   * The case's priority from its answers, its customer's value and churn risk (docs/closing-the-loop.md) and
   * their member tier.
   */
  private async refreshPriority(manager: EntityManager, caseId: string): Promise<void> {
    const [context] = await this.cases.priorityContexts(manager, [caseId]);
    if (context) {
      await this.cases.setPriority(
        manager,
        caseId,
        this.preferred.priority({ ...context, openForMs: Date.now() - context.createdAt.getTime() }),
      );
    }
  }
}
