import { ContactBudgetService } from '#customer-model';
import { StorePolicies } from '#directory';
import {
  answerTriggers,
  referralCode,
  REFERRAL_SUFFIX_LENGTH,
  type ContactRefusal,
  type InvitationRefusal,
} from '#domain';
import { NotificationScheduler } from '#notifications';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import {
  CustomerRepository,
  LoyaltyRepository,
  SurveyAnswerRepository,
  type StoredAnswer,
} from '#persistence';
import { decidePromoterBatch, outcomeCounts, type PromoterBatch } from './promoter-batch.js';
import { jobRequest, type JobRequest } from '#contracts';
import { reconcileWindow } from '#queues';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

type SkipReason = InvitationRefusal | 'no-email' | ContactRefusal;

export type InvitationOutcome =
  | { outcome: 'invited'; referralCode: string }
  | { outcome: 'already-invited'; referralCode: string }
  | { outcome: 'skipped'; reason: SkipReason };

const MAX_CODE_ATTEMPTS = 8;

/**
 * The reconciler looks a day back for promoters without an invitation: the job decides again, and may skip
 * them again (budget, membership), so a longer look would redo that work every pass.
 */
const RECONCILE_LOOK_BACK_MS = 24 * 3_600_000;
const RECONCILE_LIMIT = 2_000;

/**
 * Promoters are the cheapest marketing there is (DESIGN.md §5): a promoter who consented to marketing and
 * left an e-mail address is invited to the loyalty club once, with a personal referral code, when the
 * contact budget allows a marketing message.
 */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger(InvitationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly answers: SurveyAnswerRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly loyalty: LoyaltyRepository,
    private readonly notifications: NotificationScheduler,
    private readonly budget: ContactBudgetService,
  ) {}

  /** For the reconciler: the invitation job of each recent consenting promoter who has no invitation. */
  async jobsToReconcile(): Promise<JobRequest[]> {
    const answers = await this.answers.promotersWithoutInvitation(
      this.dataSource.manager,
      reconcileWindow(RECONCILE_LOOK_BACK_MS),
      RECONCILE_LIMIT,
    );
    return answers.map((surveyEventId) =>
      jobRequest('invite-to-loyalty-club', surveyEventId, { surveyEventId }),
    );
  }

  async invitePromoter(surveyEventId: string): Promise<InvitationOutcome> {
    const [outcome] = await this.invitePromoters([surveyEventId]);
    return outcome!;
  }

  /**
   * invitePromoter for many answers in one transaction and one commit. Customers are taken in one order
   * (their contact histories are locked as they go), so two batches wait for each other rather than
   * deadlock. Outcomes in the order given.
   */
  async invitePromoters(surveyEventIds: readonly string[]): Promise<InvitationOutcome[]> {
    const outcomes = await decidePromoterBatch(
      {
        transactions: this.transactions,
        answers: this.answers,
        customers: this.customers,
        stores: this.stores,
      },
      surveyEventIds,
      (transaction, answer, batch) => this.invite(transaction, answer, batch),
    );
    this.logger.log({
      message: 'loyalty invitations decided',
      answers: surveyEventIds.length,
      ...outcomeCounts(outcomes),
    });
    return outcomes;
  }

  private async invite(
    transaction: OutboxTransaction,
    answer: StoredAnswer,
    batch: PromoterBatch,
  ): Promise<InvitationOutcome> {
    const { manager } = transaction;
    const skip = (reason: SkipReason): InvitationOutcome => ({ outcome: 'skipped', reason });
    const invitation = answerTriggers(answer).loyaltyInvitation;
    if (!invitation.invite) return skip(invitation.reason);
    const customer = batch.customers.get(answer.customerId);
    // The customer must not have withdrawn the answer's consent since.
    if (customer?.marketingConsent === false) return skip('no-marketing-consent');
    if (!customer?.email) return skip('no-email');

    const existing = await this.loyalty.findInvitation(manager, customer.id);
    if (existing) return { outcome: 'already-invited', referralCode: existing.referralCode };
    // The invitation is marketing: it spends the customer's contact budget, or waits for none.
    const notificationKey = `loyalty-invitation:${customer.id}`;
    const decision = await this.budget.requestContact(
      manager,
      { customerId: customer.id, kind: 'marketing', purpose: 'loyalty-invitation', notificationKey },
      new Date(),
    );
    if (!decision.allowed) return skip(decision.reason);
    const recorded = await this.recordInvitation(
      manager,
      customer.id,
      customer.name,
      answer.storeId,
      answer.eventId,
    );
    if (!recorded.created) return { outcome: 'already-invited', referralCode: recorded.code };
    const store = batch.stores.get(answer.storeId)!;
    await this.notifications.schedule(transaction, [
      {
        key: notificationKey,
        kind: 'loyalty-invitation',
        recipientEmail: customer.email,
        recipientName: customer.name,
        locale: StorePolicies.customerLocale(customer.locale, store),
        subjectIds: { customerId: customer.id },
      },
    ]);
    return { outcome: 'invited', referralCode: recorded.code };
  }

  private async recordInvitation(
    manager: EntityManager,
    customerId: string,
    name: string | null,
    storeId: string,
    surveyEventId: string,
  ): Promise<{ code: string; created: boolean }> {
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
      const code = referralCode(name, randomBytes(REFERRAL_SUFFIX_LENGTH));
      if (
        await this.loyalty.tryInsertInvitation(manager, {
          customerId,
          storeId,
          surveyEventId,
          referralCode: code,
        })
      ) {
        return { code, created: true };
      }
      // Either the code is taken, or a concurrent job invited this customer first.
      const concurrent = await this.loyalty.findInvitation(manager, customerId);
      if (concurrent) return { code: concurrent.referralCode, created: false };
    }
    throw new Error(`no free referral code after ${MAX_CODE_ATTEMPTS} attempts`);
  }
}
