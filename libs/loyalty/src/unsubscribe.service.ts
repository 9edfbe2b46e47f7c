import { CustomerModelService } from '#customer-model';
import { TransactionalOutbox } from '#outbox';
import { DEFAULT_LOCALE, StorePolicies } from '#directory';
import { CustomerRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { loyaltyEvent } from './loyalty-event.js';

export type SubscriptionStatus =
  | { outcome: 'subscribed' | 'unsubscribed'; locale: string; storeName: string | null }
  | { outcome: 'unknown-customer' };

export type UnsubscribeResult =
  | { outcome: 'unsubscribed' | 'already-unsubscribed'; locale: string; storeName: string | null }
  | { outcome: 'unknown-customer' };

/** The unsubscribe link of every customer e-mail: after it, Ladder sends the customer nothing at all. */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly customerModel: CustomerModelService,
    private readonly transactions: TransactionalOutbox,
  ) {}

  /** Whether the customer still gets e-mail, with the language and store their page is shown in. */
  async status(customerId: string): Promise<SubscriptionStatus> {
    const manager = this.dataSource.manager;
    const customer = await this.customers.find(manager, customerId);
    if (!customer) return { outcome: 'unknown-customer' };
    const storeId = await this.customers.homeStore(manager, customerId);
    const context = await this.context(manager, customer.locale, storeId);
    return { outcome: customer.unsubscribedAt ? 'unsubscribed' : 'subscribed', ...context };
  }

  async unsubscribe(customerId: string, now = new Date()): Promise<UnsubscribeResult> {
    const result = await this.transactions.run(async (transaction): Promise<UnsubscribeResult> => {
      const { manager } = transaction;
      const customer = await this.customers.find(manager, customerId);
      if (!customer) return { outcome: 'unknown-customer' };
      const storeId = await this.customers.homeStore(manager, customerId);
      const context = await this.context(manager, customer.locale, storeId);
      if (!(await this.customers.unsubscribe(manager, customerId))) {
        return { outcome: 'already-unsubscribed', ...context };
      }
      await this.customerModel.recordEvents(transaction, [
        loyaltyEvent(customerId, 'unsubscribed', storeId, {}, now),
      ]);
      return { outcome: 'unsubscribed', ...context };
    });
    this.logger.log({ message: `customer ${result.outcome}`, customerId });
    return result;
  }

  /** The page's language (the customer's, else their store's) and the store it names. */
  private async context(
    manager: EntityManager,
    locale: string | null,
    storeId: string | null,
  ): Promise<{ locale: string; storeName: string | null }> {
    const store = storeId ? await this.stores.of(manager, storeId) : null;
    return { locale: locale ?? store?.locale ?? DEFAULT_LOCALE, storeName: store?.name ?? null };
  }
}
