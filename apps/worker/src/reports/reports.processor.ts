import { ReportDeliveryService, ReportSchedulesService } from '#reports';
import { CatalogueProcessor, workerOptions, type JobHandlers, type Schedule } from '#queues';
import { Processor } from '@nestjs/bullmq';

const SYNC_EVERY_MS = 5 * 60_000;

/** The reports queue: each store's daily huddle and each region's weekly outer-loop report. */
@Processor('reports', workerOptions('reports'))
export class ReportsProcessor extends CatalogueProcessor<'reports'> {
  protected readonly handlers: JobHandlers<'reports'> = {
    'send-huddle': ({ data }) => this.delivery.scheduleHuddle(data.storeId),
    'send-outer-loop': ({ data }) => this.delivery.scheduleOuterLoop(data.regionId),
    'sync-report-schedules': () => this.reportSchedules.sync(),
  };

  constructor(
    private readonly reportSchedules: ReportSchedulesService,
    private readonly delivery: ReportDeliveryService,
  ) {
    super();
  }

  protected override schedules(): Array<Schedule<'reports'>> {
    return [{ name: 'sync-report-schedules', everyMs: SYNC_EVERY_MS, data: {} }];
  }

  /** Each store's huddle and each region's report are scheduled before the worker takes jobs. */
  override async onApplicationBootstrap(): Promise<void> {
    await this.reportSchedules.sync();
    await super.onApplicationBootstrap();
  }
}
