import { ContactBudgetService } from '#customer-model';
import { referralCode, REFERRAL_SUFFIX_LENGTH, type ContactRefusal } from '#domain';
import { NotificationScheduler, TransactionalOutbox } from '#outbox';
import { CaseRepository, CustomerRepository, DirectoryRepository, LoyaltyRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { randomBytes } from 'node:crypto';

type SkipReason = 'not-a-promoter' | 'no-marketing-consent' | 'no-email' | ContactRefusal;

export type InvitationOutcome =
  | { outcome: 'invited'; referralCode: string }
  | { outcome: 'already-invited'; referralCode: string }
  | { outcome: 'skipped'; reason: SkipReason };

const MAX_CODE_ATTEMPTS = 8;

/**
 * Promoters are the cheapest marketing there is (DESIGN.md §5): a promoter who consented to marketing and
 * left an e-mail address is invited to the loyalty club once, with a personal referral code, when the
 * contact budget allows a marketing message.
 */
@Injectable()
export class LoyaltyInvitationService {
  private readonly logger = new Logger(LoyaltyInvitationService.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly answers: CaseRepository,
    private readonly customers: CustomerRepository,
    private readonly directory: DirectoryRepository,
    private readonly loyalty: LoyaltyRepository,
    private readonly notifications: NotificationScheduler,
    private readonly budget: ContactBudgetService,
  ) {}

  async invite(surveyEventId: string): Promise<InvitationOutcome> {
    const result = await this.transactions.run(async (transaction): Promise<InvitationOutcome> => {
      const { manager } = transaction;
      const answer = await this.answers.findAnswer(manager, surveyEventId);
      if (!answer) throw new UnrecoverableError(`survey answer ${surveyEventId} does not exist`);
      const skip = (reason: SkipReason): InvitationOutcome => ({ outcome: 'skipped', reason });
      if (answer.classification !== 'promoter') return skip('not-a-promoter');
      const customer = await this.customers.find(manager, answer.customerId);
      // The answer must carry consent, and the customer must not have withdrawn it since.
      if (answer.marketingConsent !== true || customer?.marketingConsent === false)
        return skip('no-marketing-consent');
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
        surveyEventId,
      );
      if (!recorded.created) return { outcome: 'already-invited', referralCode: recorded.code };
      const store = await this.directory.findStore(manager, answer.storeId);
      await this.notifications.schedule(transaction, [
        {
          key: notificationKey,
          kind: 'loyalty-invitation',
          recipientEmail: customer.email,
          recipientName: customer.name,
          locale: customer.locale ?? store?.locale ?? 'en',
          subjectIds: { customerId: customer.id },
        },
      ]);
      return { outcome: 'invited', referralCode: recorded.code };
    });
    this.logger.log({ message: `loyalty invitation ${result.outcome}`, surveyEventId });
    return result;
  }

  private async recordInvitation(
    manager: Parameters<LoyaltyRepository['tryInsertInvitation']>[0],
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
