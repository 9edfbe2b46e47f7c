import {
  deadLetterQuerySchema,
  redriveRequestSchema,
  type DeadLetterDto,
  type DeadLetterQuery,
  type RedriveRequest,
} from '#contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator.js';
import { DeadLettersService } from './dead-letters.service.js';

@Controller('api/dead-letters')
@Roles('admin')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(
    @Query({ schema: deadLetterQuerySchema }) query: DeadLetterQuery,
  ): Promise<{ items: DeadLetterDto[] }> {
    return this.deadLetters.list(query);
  }

  @Post(':id/redrive')
  @HttpCode(202)
  redrive(
    @Param('id') id: string,
    @Body({ schema: redriveRequestSchema }) body: RedriveRequest,
  ): Promise<DeadLetterDto> {
    return this.deadLetters.redrive(id, body.value);
  }
}
