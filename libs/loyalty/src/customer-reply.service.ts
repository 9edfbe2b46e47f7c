import { ContactBudgetService } from '#customer-model';
import { NotificationScheduler } from '#outbox';
import type { CustomerRecord, NotificationKind, OutboxMessage } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface CustomerReply {
  kind: NotificationKind;
  /** The notification key: one e-mail per key, ever. */
  key: string;
  locale: string;
  subjectIds: Record<string, string>;
}

/**
 * An e-mail that answers the customer's own action (the welcome after they joined, the reward they earned):
 * the contact budget never refuses it, since they asked for it, but counts it, so it uses up what later
 * messages ask for. The sender still leaves it unsent if the customer unsubscribes meanwhile.
 */
@Injectable()
export class CustomerReplyScheduler {
  constructor(
    private readonly budget: ContactBudgetService,
    private readonly notifications: NotificationScheduler,
  ) {}

  /** The outbox messages that send it; none for a customer without an e-mail address. */
  async schedule(
    manager: EntityManager,
    customer: CustomerRecord | null,
    reply: CustomerReply,
    now: Date,
  ): Promise<OutboxMessage[]> {
    if (!customer?.email) return [];
    await this.budget.recordReply(
      manager,
      { customerId: customer.id, purpose: reply.kind, notificationKey: reply.key },
      now,
    );
    const scheduled = await this.notifications.schedule(manager, [
      {
        key: reply.key,
        kind: reply.kind,
        recipientEmail: customer.email,
        recipientName: customer.name,
        locale: reply.locale,
        subjectIds: reply.subjectIds,
      },
    ]);
    return scheduled.messages;
  }
}
