import { LADDER_CONFIG, type LadderConfig } from '#config';
import { addDays, localDay, npsFigure, previousDay } from '#domain';
import { StorePolicies } from '#directory';
import { ReportRepository, type HuddleCaseRow } from '#persistence';
import { caseUrl } from '#follow-up';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const LEADERBOARD_DAYS = 30;

export interface HuddleDigest {
  storeId: string;
  storeName: string;
  locale: string;
  timezone: string;
  /** The store's local day the digest looks back on: yesterday when it is sent. */
  day: string;
  openCases: number;
  overdueCases: number;
  topCases: Array<HuddleCaseRow & { url: string; overdue: boolean }>;
  detractorThemes: Array<{ theme: string; answers: number }>;
  rootCauses: Array<{ rootCause: string; cases: number }>;
  tens: Array<{ employeeName: string | null; comment: string | null }>;
  /** Employees by NPS over the last 30 days, only those above the minimum sample, junk left out. */
  leaderboard: Array<{ employeeName: string; responses: number; nps: number }>;
  minimumSample: number;
}

/**
 * The daily huddle (DESIGN.md §5): the open and overdue cases, yesterday's detractor themes and root causes,
 * and the 10s to celebrate with the employee named and the customer's words. Answers triage flagged are left
 * out of the celebration and the leaderboard, which never ranks under the minimum sample.
 */
@Injectable()
export class HuddleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportRepository,
    private readonly stores: StorePolicies,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** Yesterday in the store's time zone, as of `now`. */
  async dayToReport(storeId: string, now: Date): Promise<string | null> {
    const store = await this.stores.of(this.dataSource.manager, storeId);
    return store.known ? previousDay(localDay(now, store.timeZone)) : null;
  }

  async digest(storeId: string, day: string, now = new Date()): Promise<HuddleDigest | null> {
    const manager = this.dataSource.manager;
    const store = await this.stores.of(manager, storeId);
    if (!store.known) return null;
    const [cases, themes, tens, employees, resolved] = await Promise.all([
      this.reports.openCases(manager, storeId, now),
      this.reports.detractorThemes(manager, storeId, day),
      this.reports.tens(manager, storeId, day),
      this.reports.employeeCounts(manager, storeId, addDays(day, 1 - LEADERBOARD_DAYS), day),
      this.reports.rootCauses(
        manager,
        [storeId],
        new Date(`${addDays(day, -1)}T00:00:00Z`),
        new Date(`${addDays(day, 2)}T00:00:00Z`),
      ),
    ]);
    const rootCauses = new Map<string, number>();
    for (const item of resolved) {
      if (localDay(item.resolvedAt, store.timeZone) === day)
        rootCauses.set(item.rootCause, (rootCauses.get(item.rootCause) ?? 0) + 1);
    }
    const minimumSample = this.config.nps.minimumSample;
    return {
      storeId,
      storeName: store.label,
      locale: store.locale,
      timezone: store.timeZone,
      day,
      openCases: cases.open,
      overdueCases: cases.overdue,
      topCases: cases.top.map((item) => ({
        ...item,
        url: caseUrl(this.config, item.id),
        overdue: item.dueAt.getTime() < now.getTime(),
      })),
      detractorThemes: themes,
      rootCauses: [...rootCauses]
        .map(([rootCause, count]) => ({ rootCause, cases: count }))
        .sort((a, b) => b.cases - a.cases),
      tens: tens.map((item) => ({
        employeeName: item.employeeName ?? item.employeeId,
        comment: item.comment,
      })),
      leaderboard: employees
        .map((employee) => ({ employee, figure: npsFigure(employee, minimumSample) }))
        .filter(({ figure }) => !figure.lowSample && figure.nps !== null)
        .sort((a, b) => b.figure.nps! - a.figure.nps! || b.figure.responses - a.figure.responses)
        .map(({ employee, figure }) => ({
          employeeName: employee.name ?? employee.employeeId,
          responses: figure.responses,
          nps: figure.nps!,
        })),
      minimumSample,
    };
  }
}
