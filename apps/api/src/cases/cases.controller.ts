import {
  apiErrorBodySchema,
  caseDtoSchema,
  caseListQuerySchema,
  casePageDtoSchema,
  queueHealthDtoSchema,
  queueHealthQuerySchema,
  recoveryReportDtoSchema,
  rootCauseQuerySchema,
  rootCauseReportDtoSchema,
  contactRequestSchema,
  emptyRequestSchema,
  noteRequestSchema,
  reasonRequestSchema,
  recoveryQuerySchema,
  resolveRequestSchema,
  type CaseDto,
  type CaseListQuery,
  type CasePageDto,
  type ContactRequest,
  type NoteRequest,
  type ReasonRequest,
  type QueueHealthDto,
  type QueueHealthQuery,
  type RecoveryQuery,
  type RootCauseQuery,
  type RootCauseReportDto,
  type RecoveryReportDto,
  type ResolveRequest,
} from '#contracts';
import { actorName, caseActor, type Principal } from '#access';
import type { CaseAction } from '#domain';
import { CaseActionsService, CaseQueries } from '#follow-up';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

const REFUSED_ACTION =
  'invalid-transition, claimed-by-another or conflict: the case is not in a state for it';

@Controller('api')
export class CasesController {
  constructor(
    private readonly cases: CaseQueries,
    private readonly actions: CaseActionsService,
  ) {}

  @Get('cases')
  @Answers(200, casePageDtoSchema)
  list(
    @Query({ schema: caseListQuerySchema }) query: CaseListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CasePageDto> {
    return this.cases.list(query, principal);
  }

  @Get('cases/:id')
  @Answers(200, caseDtoSchema)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CaseDto> {
    return this.cases.get(id, principal);
  }

  /** Takes the case: the person who claims it works it. A manager may take over someone else's. */
  @Post('cases/:id/claim')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  claim(
    @Param('id') id: string,
    @Body({ schema: emptyRequestSchema }) _body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(id, { type: 'claim' }, principal);
  }

  @Post('cases/:id/note')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  note(
    @Param('id') id: string,
    @Body({ schema: noteRequestSchema }) body: NoteRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(id, { type: 'note', text: body.text }, principal);
  }

  /** A contact attempt: reached, no answer (try again later), or unreachable (the case ends). */
  @Post('cases/:id/contact')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  contact(
    @Param('id') id: string,
    @Body({ schema: contactRequestSchema }) body: ContactRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(
      id,
      { type: 'contact', result: body.result, ...(body.note ? { note: body.note } : {}) },
      principal,
    );
  }

  @Post('cases/:id/resolve')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  resolve(
    @Param('id') id: string,
    @Body({ schema: resolveRequestSchema }) body: ResolveRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(
      id,
      { type: 'resolve', rootCause: body.rootCause, actionTaken: body.actionTaken },
      principal,
    );
  }

  @Post('cases/:id/reopen')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  reopen(
    @Param('id') id: string,
    @Body({ schema: reasonRequestSchema }) body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(id, { type: 'reopen', reason: body.reason }, principal);
  }

  @Post('cases/:id/close')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  @Roles('manager', 'admin')
  close(
    @Param('id') id: string,
    @Body({ schema: emptyRequestSchema }) _body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(id, { type: 'close' }, principal);
  }

  /** Asks the next manager up for help now, without waiting for the SLA. */
  @Post('cases/:id/escalate')
  @HttpCode(200)
  @Answers(200, caseDtoSchema, 'The case as it is after the action.')
  @Answers(409, apiErrorBodySchema, REFUSED_ACTION)
  escalate(
    @Param('id') id: string,
    @Body({ schema: reasonRequestSchema }) body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseDto> {
    return this.act(id, { type: 'escalate', reason: body.reason }, principal);
  }

  /** A dashboard report: for managers and admins, within their stores. */
  @Get('recovery')
  @Answers(200, recoveryReportDtoSchema)
  @Roles('manager', 'admin')
  recovery(
    @Query({ schema: recoveryQuerySchema }) query: RecoveryQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecoveryReportDto> {
    return this.cases.recovery(query, principal);
  }

  /** A dashboard report: for managers and admins, within their stores. */
  @Get('root-causes')
  @Answers(200, rootCauseReportDtoSchema)
  @Roles('manager', 'admin')
  rootCauses(
    @Query({ schema: rootCauseQuerySchema }) query: RootCauseQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RootCauseReportDto> {
    return this.cases.rootCauses(query, principal);
  }

  /** A dashboard report: for managers and admins, within their stores. */
  @Get('queue-health')
  @Answers(200, queueHealthDtoSchema)
  @Roles('manager', 'admin')
  queueHealth(
    @Query({ schema: queueHealthQuerySchema }) query: QueueHealthQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<QueueHealthDto> {
    return this.cases.queueHealth(query, principal);
  }

  /** Applies an action to a case in the caller's scope and answers the case as it is now. */
  private async act(caseId: string, action: CaseAction, principal: Principal): Promise<CaseDto> {
    const person = { ...caseActor(principal), name: actorName(principal) };
    return this.cases.show(await this.actions.act(caseId, action, person, principal.scope), principal);
  }
}
