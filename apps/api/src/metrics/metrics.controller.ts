import { LadderMetrics } from '#observability';
import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/public.decorator.js';
import { RateLimit } from '../limits/rate-limit.decorator.js';

/**
 * Prometheus text for this process, and the shared state's gauges (lag, outbox, queues, cases). No token,
 * like the health probes: it names ids and counts, never people; keep it on the internal network.
 */
@Controller('metrics')
@Public()
// Probes and scrapes come often and from few addresses.
@RateLimit('unlimited')
export class MetricsController {
  constructor(private readonly metrics: LadderMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
