import { outerLoopWeeks, rootCauseTrends, type RootCauseTrend } from '#domain';
import { DirectoryRepository, ReportRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OuterLoopReport {
  regionId: string;
  regionName: string;
  locale: string;
  timezone: string;
  /** The four weeks covered, oldest first: [start, end) each. */
  weeks: Array<{ from: Date; to: Date }>;
  rootCauses: RootCauseTrend[];
}

/**
 * The outer loop: what the staff keep finding when they call unhappy customers, region by region, so
 * management fixes the causes that keep coming back. Counts the root causes of cases resolved over the last
 * four weeks, week by week.
 */
@Injectable()
export class OuterLoopService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async report(regionId: string, until: Date): Promise<OuterLoopReport | null> {
    const manager = this.dataSource.manager;
    const region = await this.directory.findRegion(manager, regionId);
    if (!region) return null;
    const weeks = outerLoopWeeks(until);
    const resolved = await this.reports.rootCauses(manager, region.storeIds, weeks[0]!.from, until);
    return {
      regionId,
      regionName: region.name,
      locale: region.locale,
      timezone: region.timezone,
      weeks,
      rootCauses: rootCauseTrends(resolved, weeks),
    };
  }
}
