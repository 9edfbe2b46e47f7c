import type { Principal } from '#access';
import {
  apiErrorBodySchema,
  crossSellReportDtoSchema,
  crossSellRulesQuerySchema,
  crossSellRunDtoSchema,
  type CrossSellReportDto,
  type CrossSellRulesQuery,
  type CrossSellRunDto,
} from '#contracts';
import { CrossSellQueries } from '#loyalty';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AllStores, Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

/** Cross-sell rules and their offers (docs/promoter-loop.md, Cross-sell offers). */
@Controller('api/cross-sell')
export class CrossSellController {
  constructor(private readonly crossSell: CrossSellQueries) {}

  /** The learned rules with their figures and counts, and per rule the offers made and converted. */
  @Get('rules')
  @Answers(200, crossSellReportDtoSchema)
  @Roles('manager', 'admin')
  rules(
    @Query({ schema: crossSellRulesQuerySchema }) query: CrossSellRulesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CrossSellReportDto> {
    return this.crossSell.report(query, principal);
  }

  /**
   * Learns the rules and makes the offers now, instead of at the next scheduled run; follow it at the URL
   * below. It reaches every store's customers, so it takes an all-stores admin.
   */
  @Post('runs')
  @HttpCode(202)
  @Answers(202, crossSellRunDtoSchema, 'The run, queued; follow it at /api/cross-sell/runs/{jobId}.')
  @Roles('admin')
  @AllStores()
  run(@CurrentPrincipal() principal: Principal): Promise<CrossSellRunDto> {
    return this.crossSell.requestRun(principal);
  }

  @Get('runs/:jobId')
  @Answers(200, crossSellRunDtoSchema)
  @Answers(404, apiErrorBodySchema, 'not-found: no such run')
  @Roles('admin')
  @AllStores()
  runJob(@Param('jobId') jobId: string): Promise<CrossSellRunDto> {
    return this.crossSell.run(jobId);
  }
}
