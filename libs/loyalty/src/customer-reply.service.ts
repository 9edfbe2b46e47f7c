import { ContactBudgetService } from '#customer-model';
import { NotificationScheduler, type NotificationKind, type NotificationSubject } from '#notifications';
import type { OutboxTransaction } from '#outbox';
import type { CustomerRecord } from '#persistence';
import { Injectable } from '@nestjs/common';

export type CustomerReply = {
  [Kind in NotificationKind]: {
    kind: Kind;
    /** The notification key: one e-mail per key, ever. */
    key: string;
    locale: string;
    subjectIds: NotificationSubject<Kind>;
  };
}[NotificationKind];

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

  /** Schedules it in the caller's transaction; nothing for a customer without an e-mail address. */
  async schedule(
    transaction: OutboxTransaction,
    customer: CustomerRecord | null,
    reply: CustomerReply,
    now: Date,
  ): Promise<void> {
    if (!customer?.email) return;
    await this.budget.recordReply(
      transaction.manager,
      { customerId: customer.id, purpose: reply.kind, notificationKey: reply.key },
      now,
    );
    await this.notifications.schedule(transaction, [
      { ...reply, recipientEmail: customer.email, recipientName: customer.name },
    ]);
  }
}
