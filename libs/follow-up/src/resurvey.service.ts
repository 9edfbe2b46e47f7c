import { ContactBudgetService } from '#customer-model';
import { NotificationScheduler, OutboxRelayService } from '#outbox';
import { CaseRepository, CustomerRepository, DirectoryRepository, OutboxRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly customers: CustomerRepository,
    private readonly directory: DirectoryRepository,
    private readonly budget: ContactBudgetService,
    private readonly notifications: NotificationScheduler,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async resurvey(caseId: string): Promise<ResurveyOutcome> {
    const { outcome, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const done = (result: ResurveyOutcome) => ({ outcome: result, outboxIds: [] as string[] });
      const followUpCase = await this.cases.findForUpdate(manager, caseId, { kind: 'all' });
      if (!followUpCase) return done('missing');
      if (followUpCase.outcome !== 'resolved' || followUpCase.recoveryStatus !== 'waiting')
        return done('not-waiting');
      if (followUpCase.resurveyRequestedAt) return done('already-asked');
      const customer = await this.customers.find(manager, followUpCase.customerId);
      if (!customer?.email) return done('no-email');
      const key = `resurvey:${caseId}`;
      const decision = await this.budget.requestContact(
        manager,
        { customerId: customer.id, kind: 'service', purpose: 're-survey', notificationKey: key },
        new Date(),
      );
      if (!decision.allowed) {
        await this.cases.addHistory(manager, caseId, 'ladder', 'resurvey-skipped', {
          reason: decision.reason,
        });
        return done('budget');
      }
      const store = await this.directory.findStore(manager, followUpCase.storeId);
      const scheduled = await this.notifications.schedule(manager, [
        {
          key,
          kind: 'resurvey',
          recipientEmail: customer.email,
          recipientName: customer.name,
          locale: customer.locale ?? store?.locale ?? 'en',
          subjectIds: { caseId, customerId: customer.id },
        },
      ]);
      await this.cases.update(manager, caseId, { resurveyRequestedAt: new Date() });
      await this.cases.addHistory(manager, caseId, 'ladder', 'resurvey-sent', {});
      return { outcome: 'sent' as const, outboxIds: await this.outbox.append(manager, scheduled.messages) };
    });
    await this.relay.publishNow(outboxIds);
    this.logger.log({ message: `re-survey ${outcome}`, caseId });
    return outcome;
  }
}
