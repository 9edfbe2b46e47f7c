import { AccessModule } from '#access';
import { CustomerModelModule } from '#customer-model';
import { FollowUpModule } from '#follow-up';
import { IngestModule } from '#ingest';
import { LoyaltyModule } from '#loyalty';
import { NotificationsModule } from '#notifications';
import { PrivacyModule } from '#privacy';
import { ReportsModule } from '#reports';
import { ReadinessService, SystemMetrics } from '#runtime';
import { Module, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard.js';
import { RateLimitGuard } from './limits/rate-limits.js';
import { RedisRateCounter } from './limits/redis-rate-counter.js';
import { SessionController } from './auth/session.controller.js';
import { CasesController } from './cases/cases.controller.js';
import { CrossSellController } from './cross-sell/cross-sell.controller.js';
import { CustomerModelController } from './customer-model/customer-model.controller.js';
import { CustomersController } from './customers/customers.controller.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { ApiDocsController } from './docs/api-docs.controller.js';
import { ApiExceptionFilter } from './errors/api-exception.filter.js';
import { createValidationPipe, TextWithoutNulPipe } from './errors/validation.pipe.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { LoyaltyController } from './loyalty/loyalty.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { StuckWorkController } from './operations/stuck-work.controller.js';
import { NpsController } from './nps/nps.controller.js';
import { LoyaltyPagesController } from './pages/loyalty-pages.controller.js';
import { PagesController } from './pages/pages.controller.js';
import { ResurveyController } from './pages/resurvey.controller.js';
import { TokensController } from './tokens/tokens.controller.js';

export const API_CONTROLLERS: Type[] = [
  HealthController,
  MetricsController,
  CasesController,
  CustomersController,
  CustomerModelController,
  NpsController,
  DashboardController,
  DeadLettersController,
  PagesController,
  TokensController,
  SessionController,
  NotificationsController,
  StuckWorkController,
  ResurveyController,
  LoyaltyController,
  CrossSellController,
  LoyaltyPagesController,
  ApiDocsController,
];

export const API_PROVIDERS: Provider[] = [
  // Guards run in the order provided: a flood is refused before any token is looked up.
  { provide: APP_GUARD, useClass: RateLimitGuard },
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_FILTER, useClass: ApiExceptionFilter },
  // Global pipes run in the order provided: NUL first, so no schema or handler sees one.
  { provide: APP_PIPE, useClass: TextWithoutNulPipe },
  { provide: APP_PIPE, useFactory: createValidationPipe },
  RedisRateCounter,
  ReadinessService,
  SystemMetrics,
];

/** The HTTP surface: the REST API, the customer pages and the operations UI, as one module. */
@Module({
  imports: [
    AccessModule,
    CustomerModelModule,
    FollowUpModule,
    IngestModule,
    LoyaltyModule,
    NotificationsModule,
    PrivacyModule,
    ReportsModule,
  ],
  controllers: API_CONTROLLERS,
  providers: API_PROVIDERS,
})
export class HttpModule {}
