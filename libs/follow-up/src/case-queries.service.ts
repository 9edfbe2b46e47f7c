import { caseActor, type Principal } from '#access';
import {
  ACTIVE_CASE_STATUSES,
  isUuid,
  LadderError,
  type CaseDto,
  type CaseListQuery,
  type CasePageDto,
  type CaseStatus,
  type QueueHealthDto,
  type QueueHealthQuery,
  type RecoveryQuery,
  type RootCauseQuery,
  type RootCauseReportDto,
  type RecoveryReportDto,
  type RecoveryRowDto,
} from '#contracts';
import { StorePolicies } from '#directory';
import { availableCaseActions, keepsComingBack, localDay, outerLoopIsoWeeks, periodInstants } from '#domain';
import {
  CaseHistoryRepository,
  CaseRepository,
  ReportRepository,
  type CaseFilter,
  type CaseRecord,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface Cursor {
  priority: number;
  createdAt: string;
  id: string;
}

/** The follow-up queue as people read it, always within the caller's scope. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
    private readonly reports: ReportRepository,
    private readonly stores: StorePolicies,
  ) {}

  async list(query: CaseListQuery, principal: Principal): Promise<CasePageDto> {
    const statuses: readonly CaseStatus[] | undefined =
      query.status === undefined
        ? undefined
        : query.status === 'active'
          ? ACTIVE_CASE_STATUSES
          : [query.status];
    const filter: CaseFilter = {
      statuses,
      storeId: query.storeId,
      regionId: query.regionId,
      customerId: query.customerId,
      overdue: query.overdue,
      rootCause: query.rootCause,
      limit: query.limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    };
    const records = await this.cases.list(this.dataSource.manager, filter, principal.scope);
    const page = records.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.toDtos(page, principal),
      nextCursor:
        records.length > query.limit && last
          ? encodeCursor({ priority: last.priority, createdAt: last.createdAtExact, id: last.id })
          : null,
    };
  }

  async recovery(query: RecoveryQuery, principal: Principal): Promise<RecoveryReportDto> {
    const manager = this.dataSource.manager;
    // A day is read in the store's time zone (Ladder's default zone across all stores).
    const period = periodInstants(query, await this.stores.timeZoneOf(manager, query.storeId ?? null));
    const rows = await this.reports.recoveryCounts(manager, period, principal.scope, query.storeId ?? null);
    const toRow = (row: Omit<RecoveryRowDto, 'rate'>): RecoveryRowDto => ({
      ...row,
      rate: row.resolved === 0 ? null : Math.round((1000 * row.recovered) / row.resolved) / 1000,
    });
    const total = rows.reduce(
      (sum, row) => ({
        storeId: 'total',
        resolved: sum.resolved + row.resolved,
        recovered: sum.recovered + row.recovered,
        waiting: sum.waiting + row.waiting,
        unreachable: sum.unreachable + row.unreachable,
      }),
      { storeId: 'total', resolved: 0, recovered: 0, waiting: 0, unreachable: 0 },
    );
    return {
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      rows: rows.map(toRow),
      total: toRow(total),
    };
  }

  async queueHealth(
    query: QueueHealthQuery,
    principal: Principal,
    now = new Date(),
  ): Promise<QueueHealthDto> {
    const manager = this.dataSource.manager;
    const period = periodInstants(query, await this.stores.timeZoneOf(manager, query.storeId ?? null));
    const rows = await this.reports.queueHealth(manager, period, principal.scope, query.storeId ?? null, now);
    return {
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      rows: rows.map((row) => ({
        ...row,
        // PostgreSQL measures in microseconds; the API answers whole milliseconds.
        firstContactP50Ms: wholeMs(row.firstContactP50Ms),
        firstContactP90Ms: wholeMs(row.firstContactP90Ms),
        resolveP50Ms: wholeMs(row.resolveP50Ms),
        resolveP90Ms: wholeMs(row.resolveP90Ms),
        slaCompliance: row.resolved === 0 ? null : Math.round((1000 * row.withinSla) / row.resolved) / 1000,
      })),
    };
  }

  /** The root causes of the period, largest first, each with its weekly trend, in the store's time zone. */
  async rootCauses(
    query: RootCauseQuery,
    principal: Principal,
    now = new Date(),
  ): Promise<RootCauseReportDto> {
    const manager = this.dataSource.manager;
    const timeZone = await this.stores.timeZoneOf(manager, query.storeId ?? null);
    const period = periodInstants(query, timeZone);
    const weeks = await this.reports.rootCauseWeeks(
      manager,
      period,
      principal.scope,
      query.storeId ?? null,
      timeZone,
    );
    const causes = new Map<string, Array<{ week: string; cases: number }>>();
    for (const { rootCause, week, cases } of weeks) {
      causes.set(rootCause, [...(causes.get(rootCause) ?? []), { week, cases }]);
    }
    const resolved = weeks.reduce((sum, row) => sum + row.cases, 0);
    // The outer loop's weeks: the period's last week and the three before it.
    const end = period.to && period.to < now ? period.to : now;
    const lookBack = outerLoopIsoWeeks(localDay(new Date(end.getTime() - 1), timeZone));
    const ranked = [...causes]
      .map(([rootCause, byWeek]) => ({
        rootCause,
        cases: byWeek.reduce((sum, w) => sum + w.cases, 0),
        weeks: byWeek,
        recurring: keepsComingBack(
          byWeek.map((w) => w.week),
          lookBack,
        ),
      }))
      .sort((a, b) => b.cases - a.cases || a.rootCause.localeCompare(b.rootCause));
    let running = 0;
    return {
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      resolved,
      outerLoopWeeks: lookBack,
      rows: ranked.map((row) => {
        running += row.cases;
        return { ...row, share: row.cases / resolved, cumulativeShare: running / resolved };
      }),
    };
  }

  async get(caseId: string, principal: Principal): Promise<CaseDto> {
    if (!isUuid(caseId)) throw LadderError.notFound('The case');
    // Another store's case answers 404, exactly like a case that does not exist.
    const record = await this.cases.find(this.dataSource.manager, caseId, principal.scope);
    if (!record) throw LadderError.notFound('The case');
    return this.show(record, principal);
  }

  /** One case as the caller sees it, with what they can do to it now. */
  async show(record: CaseRecord, principal: Principal): Promise<CaseDto> {
    const [dto] = await this.toDtos([record], principal);
    return dto!;
  }

  private async toDtos(records: CaseRecord[], principal: Principal): Promise<CaseDto[]> {
    const actor = caseActor(principal);
    const manager = this.dataSource.manager;
    const ids = records.map((record) => record.id);
    const [answers, history, stores] = await Promise.all([
      this.cases.answersOf(manager, ids),
      this.history.ofCases(manager, ids),
      this.stores.ofMany(manager, [...new Set(records.map((record) => record.storeId))]),
    ]);
    const now = Date.now();
    return records.map((record) => {
      const caseAnswers = answers.filter((answer) => answer.caseId === record.id);
      const opening =
        caseAnswers.find((answer) => answer.surveyEventId === record.openedByEventId) ?? caseAnswers[0];
      const store = stores.get(record.storeId)!;
      return {
        id: record.id,
        status: record.status,
        storeId: record.storeId,
        regionId: store.regionId,
        knownStore: store.known,
        customerId: record.customerId,
        surveyEventId: record.openedByEventId,
        score: opening?.score ?? 0,
        comment: opening?.comment ?? null,
        priority: record.priority,
        ownerId: record.ownerId,
        dueAt: record.dueAt.toISOString(),
        overdue: ACTIVE_CASE_STATUSES.includes(record.status) && record.dueAt.getTime() < now,
        createdAt: record.createdAt.toISOString(),
        updatedAt: record.updatedAt.toISOString(),
        resolvedAt: record.resolvedAt?.toISOString() ?? null,
        rootCause: record.rootCause,
        resolution: record.resolution,
        outcome: record.outcome,
        ownerName: record.ownerName,
        contactAttempts: record.contactAttempts,
        escalationLevel: record.escalationLevel,
        closedAt: record.closedAt?.toISOString() ?? null,
        recovery: {
          status: record.recoveryStatus,
          at: record.recoveredAt?.toISOString() ?? null,
          by: record.recoveredBy,
        },
        allowedActions: availableCaseActions(record, actor),
        answers: caseAnswers.map((answer) => ({
          surveyEventId: answer.surveyEventId,
          score: answer.score,
          comment: answer.comment,
          employeeId: answer.employeeId,
          occurredAt: answer.occurredAt.toISOString(),
        })),
        history: history
          .filter((entry) => entry.caseId === record.id)
          .map((entry) => ({
            at: entry.at.toISOString(),
            actor: entry.actor,
            action: entry.action,
            details: entry.details,
          })),
      };
    });
  }
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.priority, cursor.createdAt, cursor.id]), 'utf8').toString(
    'base64url',
  );
}

function decodeCursor(text: string): Cursor {
  try {
    const [priority, createdAt, id] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof priority === 'number' &&
      Number.isInteger(priority) &&
      typeof createdAt === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(createdAt) &&
      typeof id === 'string' &&
      isUuid(id)
    ) {
      return { priority, createdAt, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw LadderError.invalidRequest('cursor is not a cursor this API gave out', {
    fields: [{ path: 'cursor', message: 'is not valid' }],
  });
}

const wholeMs = (ms: number | null): number | null => (ms === null ? null : Math.round(ms));
