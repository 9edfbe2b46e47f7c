import {
  deadLetterDtoSchema,
  deadLetterListDtoSchema,
  deadLetterQuerySchema,
  redriveRequestSchema,
  type DeadLetterDto,
  type DeadLetterQuery,
  type RedriveRequest,
} from '#contracts';
import { DeadLetterService } from '#ingest';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { AllStores, Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

@Controller('api/dead-letters')
@Roles('admin')
@AllStores()
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @Answers(200, deadLetterListDtoSchema)
  list(
    @Query({ schema: deadLetterQuerySchema }) query: DeadLetterQuery,
  ): Promise<{ items: DeadLetterDto[] }> {
    return this.deadLetters.list(query);
  }

  @Post(':id/redrive')
  @HttpCode(202)
  @Answers(202, deadLetterDtoSchema, 'The dead letter, produced again to its topic.')
  redrive(
    @Param('id') id: string,
    @Body({ schema: redriveRequestSchema }) body: RedriveRequest,
  ): Promise<DeadLetterDto> {
    return this.deadLetters.redrive(id, body.value);
  }
}
