import { DirectoryRepository, ReportRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const WEEK_MS = 7 * 86_400_000;
const WEEKS = 4;
/** A root cause seen in at least this many of the last four weeks keeps coming back. */
const RECURRING_WEEKS = 3;

export interface OuterLoopReport {
  regionId: string;
  regionName: string;
  locale: string;
  timezone: string;
  /** The four weeks covered, oldest first: [start, end) each. */
  weeks: Array<{ from: Date; to: Date }>;
  rootCauses: Array<{
    rootCause: string;
    perWeek: number[];
    total: number;
    recurring: boolean;
    stores: string[];
  }>;
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
    const weeks = Array.from({ length: WEEKS }, (_, index) => ({
      from: new Date(until.getTime() - (WEEKS - index) * WEEK_MS),
      to: new Date(until.getTime() - (WEEKS - index - 1) * WEEK_MS),
    }));
    const resolved = await this.reports.rootCauses(manager, region.storeIds, weeks[0]!.from, until);
    const byCause = new Map<string, { perWeek: number[]; stores: Set<string> }>();
    for (const item of resolved) {
      const week = weeks.findIndex((range) => item.resolvedAt >= range.from && item.resolvedAt < range.to);
      if (week < 0) continue;
      const entry = byCause.get(item.rootCause) ?? {
        perWeek: Array(WEEKS).fill(0) as number[],
        stores: new Set<string>(),
      };
      entry.perWeek[week]! += 1;
      entry.stores.add(item.storeId);
      byCause.set(item.rootCause, entry);
    }
    return {
      regionId,
      regionName: region.name,
      locale: region.locale,
      timezone: region.timezone,
      weeks,
      rootCauses: [...byCause]
        .map(([rootCause, entry]) => ({
          rootCause,
          perWeek: entry.perWeek,
          total: entry.perWeek.reduce((sum, count) => sum + count, 0),
          recurring: entry.perWeek.filter((count) => count > 0).length >= RECURRING_WEEKS,
          stores: [...entry.stores].sort(),
        }))
        .sort((a, b) => Number(b.recurring) - Number(a.recurring) || b.total - a.total),
    };
  }

  regionManager(regionId: string) {
    return this.directory.findRegion(this.dataSource.manager, regionId);
  }
}
