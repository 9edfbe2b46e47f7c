import { StorePolicies } from '#directory';
import { NotificationScheduler } from '#notifications';
import { TransactionalOutbox } from '#outbox';
import { DirectoryRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HuddleService } from './huddle.service.js';

export type DeliveryOutcome =
  | { outcome: 'scheduled' | 'already-sent'; day?: string }
  | { outcome: 'store-not-in-directory' | 'region-not-in-directory' };

/**
 * Decides each report's e-mail as a notification (one per store and day, one per region and week); its
 * content is rendered when it is sent, so a retried send shows the same report.
 */
@Injectable()
export class ReportDeliveryService {
  private readonly logger = new Logger(ReportDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly huddle: HuddleService,
    private readonly stores: StorePolicies,
    private readonly directory: DirectoryRepository,
    private readonly notifications: NotificationScheduler,
  ) {}

  /** Yesterday's huddle digest for the store's manager. */
  async scheduleHuddle(storeId: string, now = new Date()): Promise<DeliveryOutcome> {
    const day = await this.huddle.dayToReport(storeId, now);
    if (!day) return { outcome: 'store-not-in-directory' };
    const created = await this.transactions.run(async (transaction) => {
      const store = await this.stores.of(transaction.manager, storeId);
      if (!store.known) return [];
      return this.notifications.schedule(transaction, [
        {
          key: `huddle:${storeId}:${day}`,
          kind: 'huddle-digest',
          recipientEmail: store.manager.email,
          recipientName: store.manager.name,
          locale: store.locale,
          subjectIds: { storeId, day },
        },
      ]);
    });
    this.logger.log({ message: 'huddle digest decided', storeId, day, created: created.length > 0 });
    return { outcome: created.length ? 'scheduled' : 'already-sent', day };
  }

  /** The weekly outer-loop report for the region's manager, up to now. */
  async scheduleOuterLoop(regionId: string, until = new Date()): Promise<DeliveryOutcome> {
    const region = await this.directory.findRegion(this.dataSource.manager, regionId);
    if (!region) return { outcome: 'region-not-in-directory' };
    const week = until.toISOString().slice(0, 10);
    const created = await this.transactions.run((transaction) =>
      this.notifications.schedule(transaction, [
        {
          key: `outer-loop:${regionId}:${week}`,
          kind: 'outer-loop-report',
          recipientEmail: region.managerEmail,
          recipientName: region.managerName,
          locale: region.locale,
          subjectIds: { regionId, until: until.toISOString() },
        },
      ]),
    );
    return { outcome: created.length ? 'scheduled' : 'already-sent' };
  }
}
