import { LADDER_CONFIG, type LadderConfig } from '#config';
import { NotificationScheduler } from '#notifications';
import type { OutboxTransaction } from '#outbox';
import { Inject, Injectable, Logger } from '@nestjs/common';

/** Nothing is dropped for want of configuration (DESIGN.md §4.4); an admin is told, once per store. */
@Injectable()
export class UnknownStoreAlerts {
  private readonly logger = new Logger(UnknownStoreAlerts.name);

  constructor(
    private readonly notifications: NotificationScheduler,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async tellAdmin(transaction: OutboxTransaction, storeIds: readonly string[]): Promise<void> {
    if (storeIds.length === 0) return;
    const created = await this.notifications.schedule(
      transaction,
      storeIds.map((storeId) => ({
        key: `unknown-store:${storeId}`,
        kind: 'unknown-store' as const,
        recipientEmail: this.config.adminEmail,
        recipientName: null,
        locale: 'en',
        subjectIds: { storeId },
      })),
    );
    for (const notification of created) {
      this.logger.warn({
        message: 'event for a store the directory does not know',
        notificationKey: notification.key,
      });
    }
  }
}
