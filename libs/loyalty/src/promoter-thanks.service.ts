import { jobRequest, type JobRequest } from '#contracts';
import { ContactBudgetService } from '#customer-model';
import { StorePolicies } from '#directory';
import { answerTriggers, type ContactRefusal } from '#domain';
import { NotificationScheduler } from '#notifications';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import { CustomerRepository, SurveyAnswerRepository, type StoredAnswer } from '#persistence';
import { reconcileWindow } from '#queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decidePromoterBatch, outcomeCounts, type PromoterBatch } from './promoter-batch.js';

export type ThanksOutcome =
  | { outcome: 'thanked' | 'already-thanked' }
  | { outcome: 'skipped'; reason: 'not-thanked' | 'no-email' | ContactRefusal };

/** A day back, as for invitations: the job decides again and may skip again. */
const RECONCILE_LOOK_BACK_MS = 24 * 3_600_000;
const RECONCILE_LIMIT = 2_000;

/**
 * Every promoter is thanked (the source material: recognise the people who recommend you). One who gave
 * marketing consent is invited to the club instead; one who did not gets a plain thank-you, a service
 * e-mail within the contact budget, once per answer, and none for an answer triage flagged as junk.
 */
@Injectable()
export class PromoterThanksService {
  private readonly logger = new Logger(PromoterThanksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly answers: SurveyAnswerRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly notifications: NotificationScheduler,
    private readonly budget: ContactBudgetService,
  ) {}

  async thank(surveyEventId: string, now = new Date()): Promise<ThanksOutcome> {
    const [outcome] = await this.thankPromoters([surveyEventId], now);
    return outcome!;
  }

  /** thank for many answers in one transaction and one commit, customers in one order; outcomes in order. */
  async thankPromoters(surveyEventIds: readonly string[], now = new Date()): Promise<ThanksOutcome[]> {
    const outcomes = await decidePromoterBatch(
      {
        transactions: this.transactions,
        answers: this.answers,
        customers: this.customers,
        stores: this.stores,
      },
      surveyEventIds,
      (transaction, answer, batch) => this.thankOne(transaction, answer, batch, now),
    );
    this.logger.log({
      message: 'promoters thanked',
      answers: surveyEventIds.length,
      ...outcomeCounts(outcomes),
    });
    return outcomes;
  }

  private async thankOne(
    transaction: OutboxTransaction,
    answer: StoredAnswer,
    batch: PromoterBatch,
    now: Date,
  ): Promise<ThanksOutcome> {
    const { manager } = transaction;
    const surveyEventId = answer.eventId;
    if (!answerTriggers(answer).promoterThanks) return { outcome: 'skipped', reason: 'not-thanked' };
    const customer = batch.customers.get(answer.customerId);
    if (!customer?.email) return { outcome: 'skipped', reason: 'no-email' };
    const notificationKey = `promoter-thanks:${surveyEventId}`;
    const decision = await this.budget.requestContact(
      manager,
      { customerId: customer.id, kind: 'service', purpose: 'promoter-thanks', notificationKey },
      now,
    );
    if (!decision.allowed) return { outcome: 'skipped', reason: decision.reason };
    const store = batch.stores.get(answer.storeId)!;
    const scheduled = await this.notifications.schedule(transaction, [
      {
        key: notificationKey,
        kind: 'promoter-thanks',
        recipientEmail: customer.email,
        recipientName: customer.name,
        locale: StorePolicies.customerLocale(customer.locale, store),
        subjectIds: { surveyEventId, customerId: customer.id },
      },
    ]);
    return { outcome: scheduled.length > 0 ? 'thanked' : 'already-thanked' };
  }

  /** For the reconciler: recent promoters without consent whose thank-you was never decided. */
  async jobsToReconcile(): Promise<JobRequest[]> {
    const answers = await this.answers.promotersUnthanked(
      this.dataSource.manager,
      reconcileWindow(RECONCILE_LOOK_BACK_MS),
      RECONCILE_LIMIT,
    );
    return answers.map((surveyEventId) => jobRequest('thank-promoter', surveyEventId, { surveyEventId }));
  }
}
