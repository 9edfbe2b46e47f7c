import { ReadinessService, type Readiness } from '#runtime';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator.js';
import { RateLimit } from '../limits/rate-limit.decorator.js';

@Controller('health')
@Public()
// Probes and scrapes come often and from few addresses.
@RateLimit('unlimited')
export class HealthController {
  constructor(private readonly health: ReadinessService) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** This process can work: its services answer and every part it runs is up; 503 with the failing checks. */
  @Get('ready')
  ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    return answer(this.health.readiness(), response);
  }

  /** The whole loop is served, by whichever processes: the scoring group has members, every queue a worker. */
  @Get('loop')
  loop(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    return answer(this.health.loop(), response);
  }
}

async function answer(check: Promise<Readiness>, response: Response): Promise<Readiness> {
  const readiness = await check;
  if (readiness.status !== 'ok') response.status(503);
  return readiness;
}
