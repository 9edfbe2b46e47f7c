import { ContactBudgetService } from '#customer-model';
import { StorePolicies } from '#directory';
import { NotificationScheduler } from '#notifications';
import { TransactionalOutbox } from '#outbox';
import { CaseHistoryRepository, CaseRepository, CustomerRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';

export type ResurveyOutcome = 'sent' | 'not-waiting' | 'already-asked' | 'no-email' | 'budget' | 'missing';

/**
 * Some days after a case is resolved, Ladder asks the customer again (DESIGN.md §5): once per case, within
 * the customer's contact budget. Their answer comes back through the surveys topic like any other, and a
 * higher one shows the recovery worked.
 */
@Injectable()
export class ResurveyService {
  private readonly logger = new Logger(ResurveyService.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly budget: ContactBudgetService,
    private readonly notifications: NotificationScheduler,
  ) {}

  async resurvey(caseId: string): Promise<ResurveyOutcome> {
    const outcome = await this.transactions.run(async (transaction): Promise<ResurveyOutcome> => {
      const { manager } = transaction;
      const followUpCase = await this.cases.findForUpdate(manager, caseId, { kind: 'all' });
      if (!followUpCase) return 'missing';
      if (followUpCase.outcome !== 'resolved' || followUpCase.recoveryStatus !== 'waiting')
        return 'not-waiting';
      if (followUpCase.resurveyRequestedAt) return 'already-asked';
      const customer = await this.customers.find(manager, followUpCase.customerId);
      if (!customer?.email) return 'no-email';
      const key = `resurvey:${caseId}`;
      const decision = await this.budget.requestContact(
        manager,
        { customerId: customer.id, kind: 'service', purpose: 're-survey', notificationKey: key },
        new Date(),
      );
      if (!decision.allowed) {
        await this.history.add(manager, caseId, 'ladder', 'resurvey-skipped', {
          reason: decision.reason,
        });
        return 'budget';
      }
      const store = await this.stores.of(manager, followUpCase.storeId);
      await this.notifications.schedule(transaction, [
        {
          key,
          kind: 'resurvey',
          recipientEmail: customer.email,
          recipientName: customer.name,
          locale: StorePolicies.customerLocale(customer.locale, store),
          subjectIds: { caseId, customerId: customer.id },
        },
      ]);
      await this.cases.update(manager, caseId, { resurveyRequestedAt: new Date() });
      await this.history.add(manager, caseId, 'ladder', 'resurvey-sent', {});
      return 'sent';
    });
    this.logger.log({ message: `re-survey ${outcome}`, caseId });
    return outcome;
  }
}
