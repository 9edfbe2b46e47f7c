import { ReportDeliveryService, ReportSchedulesService } from '#reports';
import { CatalogueProcessor, JobQueueService, WORKER_CONCURRENCY, type JobHandlers } from '#queues';
import { Processor } from '@nestjs/bullmq';
import { type OnApplicationBootstrap } from '@nestjs/common';

const SYNC_EVERY_MS = 5 * 60_000;

/** The reports queue: each store's daily huddle and each region's weekly outer-loop report. */
@Processor('reports', { concurrency: WORKER_CONCURRENCY.reports })
export class ReportsProcessor extends CatalogueProcessor<'reports'> implements OnApplicationBootstrap {
  protected readonly handlers: JobHandlers<'reports'> = {
    'send-huddle': ({ data }) => this.delivery.scheduleHuddle(data.storeId),
    'send-outer-loop': ({ data }) => this.delivery.scheduleOuterLoop(data.regionId),
    'sync-report-schedules': () => this.schedules.sync(),
  };

  constructor(
    private readonly schedules: ReportSchedulesService,
    private readonly delivery: ReportDeliveryService,
    private readonly jobs: JobQueueService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.sync();
    await this.jobs.scheduleEvery('sync-report-schedules', SYNC_EVERY_MS, {});
  }
}
