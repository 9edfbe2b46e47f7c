import { canSeeStore, type Principal } from '#access';
import { LADDER_CONFIG, type LadderConfig } from '#config';
import {
  LadderError,
  type PeopleQuery,
  type PeopleReportDto,
  type PersonRowDto,
  type ThemesQuery,
  type ThemesReportDto,
} from '#contracts';
import { StorePolicies } from '#directory';
import { npsFigure, periodInstants, rankPeople, themeTotals } from '#domain';
import { AnswerReportRepository, type AnswerReportFilter } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const COMMENTS_PER_PERSON = 3;

/**
 * The dashboard's reports on what customers answered (docs/customer-model.md, Dashboard reports): the people
 * they named, ranked only from the minimum sample up, and the themes of their comments over time. Answers
 * comment triage flagged as junk are left out of both.
 */
@Injectable()
export class DashboardReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly answers: AnswerReportRepository,
    private readonly stores: StorePolicies,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async people(query: PeopleQuery, principal: Principal): Promise<PeopleReportDto> {
    const manager = this.dataSource.manager;
    const filter = await this.filterOf(query, principal);
    const minimumSample = this.config.nps.minimumSample;
    const counts = await this.answers.employeeCounts(manager, filter, principal.scope);
    const comments = await this.answers.employeeComments(
      manager,
      counts.map((row) => row.employeeId),
      filter,
      principal.scope,
      COMMENTS_PER_PERSON,
    );
    const rows = counts.map((row): PersonRowDto => {
      const figure = npsFigure(row, minimumSample);
      return {
        employeeId: row.employeeId,
        name: row.name,
        storeId: row.storeId,
        responses: figure.responses,
        promoters: row.promoters,
        passives: row.passives,
        detractors: row.detractors,
        tens: row.tens,
        nps: figure.nps,
        marginOfError95: figure.marginOfError95,
        comments: comments
          .filter((comment) => comment.employeeId === row.employeeId)
          .map((comment) => ({
            surveyEventId: comment.surveyEventId,
            score: comment.score,
            comment: comment.comment,
            language: comment.language,
            at: comment.at.toISOString(),
          })),
      };
    });
    return { minimumSample, ...rankPeople(rows, minimumSample) };
  }

  async themes(query: ThemesQuery, principal: Principal): Promise<ThemesReportDto> {
    const filter = await this.filterOf(query, principal);
    const { counts, themedAnswers } = await this.answers.themeCounts(
      this.dataSource.manager,
      query.interval,
      filter,
      principal.scope,
    );
    return { interval: query.interval, ...themeTotals(counts, themedAnswers) };
  }

  /**
   * The store asked for (404 outside the caller's stores, as a case there would be) and the period, whose
   * days are read in that store's time zone (Ladder's default zone across all stores).
   */
  private async filterOf(
    query: { storeId?: string; from?: string; to?: string },
    principal: Principal,
  ): Promise<AnswerReportFilter> {
    const storeId = query.storeId ?? null;
    if (storeId !== null && !canSeeStore(principal, storeId)) throw LadderError.notFound('The store');
    const period = periodInstants(query, await this.stores.timeZoneOf(this.dataSource.manager, storeId));
    return { storeId, from: period.from, to: period.to };
  }
}
