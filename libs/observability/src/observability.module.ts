import { Global, Module } from '@nestjs/common';
import { HealthChecks } from './health-checks.js';
import { LadderMetrics } from './ladder-metrics.js';

/** Metrics and health checks: global, because every feature and adapter reports to them. */
@Global()
@Module({ providers: [LadderMetrics, HealthChecks], exports: [LadderMetrics, HealthChecks] })
export class ObservabilityModule {}
