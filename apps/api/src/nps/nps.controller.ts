import { npsQuerySchema, type NpsQuery, type NpsReportDto } from '#contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { NpsService } from './nps.service.js';

@Controller('api/nps')
export class NpsController {
  constructor(private readonly nps: NpsService) {}

  @Get()
  report(
    @Query({ schema: npsQuerySchema }) query: NpsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NpsReportDto> {
    return this.nps.report(query, principal);
  }
}
