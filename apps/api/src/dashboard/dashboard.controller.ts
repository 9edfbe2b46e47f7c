import {
  apiErrorBodySchema,
  customerListPageDtoSchema,
  customerListQuerySchema,
  peopleQuerySchema,
  peopleReportDtoSchema,
  themesQuerySchema,
  themesReportDtoSchema,
  type CustomerListPageDto,
  type CustomerListQuery,
  type PeopleQuery,
  type PeopleReportDto,
  type ThemesQuery,
  type ThemesReportDto,
} from '#contracts';
import { CustomerLists } from '#customer-model';
import { DashboardReportsService } from '#reports';
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import type { Principal } from '#access';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

const OUTSIDE_SCOPE = "not-found: a store outside the caller's scope";

/** The manager dashboard's people, comment themes and customer lists (docs/customer-model.md). */
@Controller('api')
@Roles('manager', 'admin')
export class DashboardController {
  constructor(
    private readonly reports: DashboardReportsService,
    private readonly lists: CustomerLists,
  ) {}

  @Get('people')
  @Answers(200, peopleReportDtoSchema)
  @Answers(404, apiErrorBodySchema, OUTSIDE_SCOPE)
  people(
    @Query({ schema: peopleQuerySchema }) query: PeopleQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PeopleReportDto> {
    return this.reports.people(query, principal);
  }

  @Get('themes')
  @Answers(200, themesReportDtoSchema)
  @Answers(404, apiErrorBodySchema, OUTSIDE_SCOPE)
  themes(
    @Query({ schema: themesQuerySchema }) query: ThemesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ThemesReportDto> {
    return this.reports.themes(query, principal);
  }

  /**
   * A page of a list as JSON, or with `format=csv` the whole list (up to 100,000 rows) as a download whose
   * `X-Ladder-Rows` header says how many rows it holds and `X-Ladder-Row-Cap-Reached` whether there were more.
   */
  @Get('customer-lists/:list')
  @Answers(200, customerListPageDtoSchema)
  @Answers(200, { mediaType: 'text/csv' }, 'With `format=csv`: every row of the list, as a download.')
  @Answers(404, apiErrorBodySchema, `unknown-list: no such list; or ${OUTSIDE_SCOPE}`)
  async customerList(
    @Param('list') list: string,
    @Query({ schema: customerListQuerySchema }) query: CustomerListQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CustomerListPageDto | StreamableFile> {
    if (query.format === 'json') return this.lists.page(list, query, principal);
    const exported = await this.lists.export(list, query, principal);
    response.setHeader('X-Ladder-Rows', String(exported.rows));
    response.setHeader('X-Ladder-Row-Cap-Reached', String(exported.capped));
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Readable.from(exported.chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${exported.filename}"`,
    });
  }
}
