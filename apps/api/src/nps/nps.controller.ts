import { npsQuerySchema, type NpsQuery, type NpsReportDto } from '#contracts';
import { NpsReportService } from '#reports';
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';

@Controller('api/nps')
export class NpsController {
  constructor(private readonly nps: NpsReportService) {}

  @Get()
  report(
    @Query({ schema: npsQuerySchema }) query: NpsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NpsReportDto> {
    return this.nps.report(query, principal);
  }
}
