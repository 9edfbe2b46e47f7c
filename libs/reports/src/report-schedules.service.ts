import { LADDER_CONFIG, type LadderConfig } from '#config';
import { jobId } from '#contracts';
import { dailyCron, weeklyCron } from '#domain';
import { DirectoryRepository } from '#persistence';
import { JobQueueService } from '#queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

const HUDDLE = 'send-huddle';
const OUTER_LOOP = 'send-outer-loop';

/**
 * One BullMQ job scheduler per store for its huddle, at LADDER_HUDDLE_AT in the store's own time zone, and
 * one per region for its weekly report. Kept in step with the directory: a new store gets a schedule, a
 * removed one loses it, a changed time zone moves it. Upserting the same schedule from every replica
 * changes nothing.
 */
@Injectable()
export class ReportSchedulesService {
  private readonly logger = new Logger(ReportSchedulesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly jobs: JobQueueService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async sync(): Promise<{ stores: number; regions: number }> {
    const queue = this.jobs.queue('reports');
    const stores = await this.directory.storesForSchedules(this.dataSource.manager);
    const regions = new Map<string, string>();
    for (const store of stores) if (!regions.has(store.regionId)) regions.set(store.regionId, store.timezone);
    const wanted = new Set<string>();
    for (const store of stores) {
      const id = jobId(HUDDLE, store.id);
      wanted.add(id);
      await queue.upsertJobScheduler(
        id,
        { pattern: dailyCron(this.config.reports.huddleAt), tz: store.timezone },
        { name: HUDDLE, data: { storeId: store.id } },
      );
    }
    for (const [regionId, timezone] of regions) {
      const id = jobId(OUTER_LOOP, regionId);
      wanted.add(id);
      await queue.upsertJobScheduler(
        id,
        { pattern: weeklyCron(this.config.reports.outerLoopAt), tz: timezone },
        { name: OUTER_LOOP, data: { regionId } },
      );
    }
    for (const scheduler of await queue.getJobSchedulers(0, -1)) {
      const id = scheduler.key;
      if ((id.startsWith(`${HUDDLE}.`) || id.startsWith(`${OUTER_LOOP}.`)) && !wanted.has(id)) {
        await queue.removeJobScheduler(id);
        this.logger.log({ message: 'report schedule removed', scheduler: id });
      }
    }
    return { stores: stores.length, regions: regions.size };
  }

  /** When a store's next huddle runs, as BullMQ will run it. */
  async nextHuddle(storeId: string): Promise<Date | null> {
    const scheduler = await this.jobs.queue('reports').getJobScheduler(jobId(HUDDLE, storeId));
    return scheduler?.next ? new Date(scheduler.next) : null;
  }
}
