import {
  apiErrorBodySchema,
  ladderQuerySchema,
  ladderReportDtoSchema,
  recomputeJobDtoSchema,
  segmentsReportDtoSchema,
  segmentsQuerySchema,
  type LadderQuery,
  type LadderReportDto,
  type RecomputeJobDto,
  type SegmentsQuery,
  type SegmentsReportDto,
} from '#contracts';
import { CustomerModelReports } from '#customer-model';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';
import { Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

@Controller('api')
export class CustomerModelController {
  constructor(private readonly model: CustomerModelReports) {}

  /** A dashboard report: for managers and admins, within their stores. */
  @Get('ladder')
  @Roles('manager', 'admin')
  @Answers(200, ladderReportDtoSchema)
  @Answers(404, apiErrorBodySchema, "not-found: a store outside the caller's scope")
  ladder(
    @Query({ schema: ladderQuerySchema }) query: LadderQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LadderReportDto> {
    return this.model.ladder(query, principal);
  }

  /** A dashboard report: for managers and admins, within their stores. */
  @Get('segments')
  @Roles('manager', 'admin')
  @Answers(200, segmentsReportDtoSchema)
  @Answers(404, apiErrorBodySchema, "not-found: a store outside the caller's scope")
  segments(
    @Query({ schema: segmentsQuerySchema }) query: SegmentsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SegmentsReportDto> {
    return this.model.segments(query, principal);
  }

  /** Recomputes the RFM quintiles and every customer's segment now; follow it at the URL below. */
  @Post('segments/recompute')
  @HttpCode(202)
  @Answers(202, recomputeJobDtoSchema, 'The job, queued; follow it at /api/segments/recompute/{jobId}.')
  @Roles('manager', 'admin')
  recompute(@CurrentPrincipal() principal: Principal): Promise<RecomputeJobDto> {
    return this.model.requestRecompute(principal);
  }

  /** Who may ask for a recompute may follow it. */
  @Get('segments/recompute/:jobId')
  @Roles('manager', 'admin')
  @Answers(200, recomputeJobDtoSchema)
  recomputeJob(@Param('jobId') jobId: string): Promise<RecomputeJobDto> {
    return this.model.recompute(jobId);
  }
}
