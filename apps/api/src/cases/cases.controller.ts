import { caseListQuerySchema, type CaseDto, type CaseListQuery, type CasePageDto } from '#contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CasesService } from './cases.service.js';

@Controller('api/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  list(
    @Query({ schema: caseListQuerySchema }) query: CaseListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CasePageDto> {
    return this.cases.list(query, principal);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CaseDto> {
    return this.cases.get(id, principal);
  }
}
