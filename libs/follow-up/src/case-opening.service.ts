import { LADDER_CONFIG, type LadderConfig } from '#config';
import { StorePolicies } from '#directory';
import { answerTriggers, casePriority } from '#domain';
import { NotificationScheduler } from '#notifications';
import { LadderMetrics } from '#observability';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import {
  CaseHistoryRepository,
  CaseRepository,
  pairKey,
  SurveyAnswerRepository,
  type StoredAnswer,
} from '#persistence';
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
    const [outcome] = await this.openOrJoinCases([surveyEventId]);
    return outcome!;
  }

  /**
   * openOrJoinCase for many answers in one transaction and a few statements, whatever their number: the
   * customers' locks at once (in one order), their active cases, the new cases, the answers attached, the
   * history, the priorities and the managers' alerts each in one statement. Answers of one customer at one
   * store, new or already in a case, go into one case, the earliest opening it. Outcomes in the given order.
   */
  async openOrJoinCases(surveyEventIds: readonly string[]): Promise<CaseOpeningOutcome[]> {
    const outcomes = await this.transactions.run(async (transaction) => {
      const { manager } = transaction;
      const answers = await this.answers.findMany(manager, surveyEventIds);
      const missing = surveyEventIds.filter((id) => !answers.has(id));
      if (missing.length > 0)
        throw new UnrecoverableError(`survey answer ${missing.join(', ')} does not exist`);
      const detractors = [...new Set(surveyEventIds)]
        .map((id) => answers.get(id)!)
        .filter((answer) => answerTriggers(answer).followUpCase)
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.eventId < b.eventId ? -1 : 1));
      const outcome = new Map<string, CaseOpeningOutcome>();
      if (detractors.length > 0) await this.openOrJoin(transaction, detractors, outcome);
      return surveyEventIds.map((id) => outcome.get(id) ?? { outcome: 'not-a-detractor' as const });
    });
    const counts = { opened: 0, joined: 0, 'already-handled': 0 };
    for (const item of outcomes) if (item.outcome !== 'not-a-detractor') counts[item.outcome] += 1;
    if (counts.opened + counts.joined + counts['already-handled'] > 0)
      this.logger.log({
        message: 'follow-up cases opened or joined',
        answers: surveyEventIds.length,
        ...counts,
      });
    return outcomes;
  }

  private async openOrJoin(
    transaction: OutboxTransaction,
    detractors: StoredAnswer[],
    outcome: Map<string, CaseOpeningOutcome>,
  ): Promise<void> {
    const { manager } = transaction;
    await this.cases.lockCustomersAtStores(manager, detractors);
    const handled = await this.cases.casesOfAnswers(
      manager,
      detractors.map((answer) => answer.eventId),
    );
    const fresh = detractors.filter((answer) => {
      const caseId = handled.get(answer.eventId);
      if (caseId) outcome.set(answer.eventId, { outcome: 'already-handled', caseId });
      return !caseId;
    });
    if (fresh.length === 0) return;
    const active = await this.cases.findActiveCases(manager, fresh);
    const stores = await this.stores.ofMany(manager, [...new Set(fresh.map((answer) => answer.storeId))]);
    const slaOf = await this.preferred.slaMsOf(manager, [
      ...new Set(fresh.map((answer) => answer.customerId)),
    ]);

    // The earliest new answer of a pair without an active case opens one; every other one joins.
    const openers = new Map<string, StoredAnswer>();
    for (const answer of fresh) {
      const pair = pairKey(answer);
      if (!active.has(pair) && !openers.has(pair)) openers.set(pair, answer);
    }
    const now = Date.now();
    const opened = await this.cases.openMany(
      manager,
      [...openers.values()].map((answer) => ({
        customerId: answer.customerId,
        storeId: answer.storeId,
        priority: casePriority({ lowestScore: answer.score, answerCount: 1 }),
        openedByEventId: answer.eventId,
        dueAt: new Date(now + slaOf(answer.customerId, stores.get(answer.storeId)!)),
      })),
    );
    const caseOf = new Map(active);
    for (const item of opened) caseOf.set(pairKey(item), item);
    await this.cases.attachAnswers(
      manager,
      fresh.map((answer) => ({ caseId: caseOf.get(pairKey(answer))!.id, surveyEventId: answer.eventId })),
    );
    const openedIds = new Set(opened.map((item) => item.openedByEventId));
    await this.history.addMany(
      manager,
      fresh.map((answer) => {
        const store = stores.get(answer.storeId)!;
        return openedIds.has(answer.eventId)
          ? {
              caseId: caseOf.get(pairKey(answer))!.id,
              actor: SYSTEM_ACTOR,
              action: 'opened',
              details: {
                surveyEventId: answer.eventId,
                score: answer.score,
                slaMs: slaOf(answer.customerId, store),
                owner: store.known ? 'store-team' : 'fallback-owner',
              },
            }
          : {
              caseId: caseOf.get(pairKey(answer))!.id,
              actor: SYSTEM_ACTOR,
              action: 'answer-joined',
              details: { surveyEventId: answer.eventId, score: answer.score },
            };
      }),
    );
    await this.refreshPriorities(manager, [...new Set([...caseOf.values()].map((item) => item.id))]);
    await this.notifications.schedule(
      transaction,
      opened.map((item) => {
        const store = stores.get(item.storeId)!;
        return {
          key: `case-alert:${item.id}`,
          kind: 'case-alert' as const,
          recipientEmail: store.manager.email,
          recipientName: store.manager.name,
          locale: store.locale,
          subjectIds: { caseId: item.id },
        };
      }),
    );
    // The escalation timer starts with the case: it fires when the case falls due, unless it is resolved.
    transaction.publish(
      opened.flatMap((item) => escalationTimer(item, this.config.followUp.escalationSteps)),
    );
    for (const answer of fresh) {
      const caseId = caseOf.get(pairKey(answer))!.id;
      outcome.set(answer.eventId, { outcome: openedIds.has(answer.eventId) ? 'opened' : 'joined', caseId });
    }
    transaction.afterCommit(() => {
      for (const answer of fresh) this.measure(answer.producedAt);
    });
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
  private async refreshPriorities(manager: EntityManager, caseIds: string[]): Promise<void> {
    const contexts = await this.cases.priorityContexts(manager, caseIds);
    const now = Date.now();
    await this.cases.setPriorities(
      manager,
      contexts.map((context) => ({
        id: context.id,
        priority: this.preferred.priority({ ...context, openForMs: now - context.createdAt.getTime() }),
      })),
    );
  }
}
