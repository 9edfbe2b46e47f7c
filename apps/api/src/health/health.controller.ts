import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator.js';
import { ReadinessService, type Readiness } from '#runtime';

@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: ReadinessService) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The loop can work end to end; 503 with the failing checks otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ok') response.status(503);
    return readiness;
  }
}
