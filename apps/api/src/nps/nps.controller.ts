import { npsQuerySchema, npsReportDtoSchema, type NpsQuery, type NpsReportDto } from '#contracts';
import { NpsReportService } from '#reports';
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';
import { Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

@Controller('api/nps')
export class NpsController {
  constructor(private readonly nps: NpsReportService) {}

  /** A dashboard report: for managers and admins, within their stores (agents work the queue). */
  @Get()
  @Roles('manager', 'admin')
  @Answers(200, npsReportDtoSchema)
  report(
    @Query({ schema: npsQuerySchema }) query: NpsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NpsReportDto> {
    return this.nps.report(query, principal);
  }
}
