import { jobId, type JobPayload } from '#contracts';
import { NotificationScheduler, TransactionalOutbox } from '#outbox';
import { DirectoryRepository } from '#persistence';
import { HuddleService, OuterLoopService, ReportSchedulesService } from '#reports';
import { WORKER_CONCURRENCY } from '#queues';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';

const SYNC_EVERY_MS = 5 * 60_000;

/**
 * The reports queue: each store's daily huddle and each region's weekly outer-loop report, decided here as
 * notifications (one per store and day, one per region and week) and rendered when they are sent.
 */
@Processor('reports', { concurrency: WORKER_CONCURRENCY.reports })
export class ReportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsProcessor.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly schedules: ReportSchedulesService,
    private readonly huddle: HuddleService,
    private readonly outerLoop: OuterLoopService,
    private readonly directory: DirectoryRepository,
    private readonly notifications: NotificationScheduler,
    @InjectQueue('reports') private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.sync();
    await this.queue.upsertJobScheduler(
      jobId('sync-report-schedules', 'schedule'),
      { every: SYNC_EVERY_MS },
      { name: 'sync-report-schedules', data: {} },
    );
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'send-huddle':
        return this.sendHuddle((job.data as JobPayload<'send-huddle'>).storeId);
      case 'send-outer-loop':
        return this.sendOuterLoop((job.data as JobPayload<'send-outer-loop'>).regionId);
      case 'sync-report-schedules':
        return this.schedules.sync();
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  private async sendHuddle(storeId: string): Promise<{ outcome: string; day?: string }> {
    const day = await this.huddle.dayToReport(storeId, new Date());
    if (!day) return { outcome: 'store-not-in-directory' };
    const created = await this.transactions.run(async (transaction) => {
      const store = await this.directory.findStore(transaction.manager, storeId);
      if (!store) return [];
      return this.notifications.schedule(transaction, [
        {
          key: `huddle:${storeId}:${day}`,
          kind: 'huddle-digest',
          recipientEmail: store.managerEmail,
          recipientName: store.managerName,
          locale: store.locale,
          subjectIds: { storeId, day },
        },
      ]);
    });
    this.logger.log({ message: 'huddle digest decided', storeId, day, created: created.length > 0 });
    return { outcome: created.length ? 'scheduled' : 'already-sent', day };
  }

  private async sendOuterLoop(regionId: string): Promise<{ outcome: string }> {
    const until = new Date();
    const region = await this.outerLoop.regionManager(regionId);
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
