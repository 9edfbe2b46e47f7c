import {
  ladderQuerySchema,
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

@Controller('api')
export class CustomerModelController {
  constructor(private readonly model: CustomerModelReports) {}

  @Get('ladder')
  ladder(
    @Query({ schema: ladderQuerySchema }) query: LadderQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LadderReportDto> {
    return this.model.ladder(query, principal);
  }

  @Get('segments')
  segments(
    @Query({ schema: segmentsQuerySchema }) query: SegmentsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SegmentsReportDto> {
    return this.model.segments(query, principal);
  }

  /** Recomputes the RFM quintiles and every customer's segment now; follow it at the URL below. */
  @Post('segments/recompute')
  @HttpCode(202)
  @Roles('admin', 'manager')
  recompute(@CurrentPrincipal() principal: Principal): Promise<RecomputeJobDto> {
    return this.model.requestRecompute(principal);
  }

  @Get('segments/recompute/:jobId')
  recomputeJob(@Param('jobId') jobId: string): Promise<RecomputeJobDto> {
    return this.model.recompute(jobId);
  }
}
