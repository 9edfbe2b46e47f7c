import type { LadderConfig } from '#config';
import { coreModules } from '#runtime';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { SessionController } from './auth/session.controller.js';
import { CasesController } from './cases/cases.controller.js';
import { CasesService } from './cases/cases.service.js';
import { CustomerModelController } from './customer-model/customer-model.controller.js';
import { CustomerModelApiService } from './customer-model/customer-model.service.js';
import { CustomersController } from './customers/customers.controller.js';
import { CustomersService } from './customers/customers.service.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { ApiExceptionFilter } from './errors/api-exception.filter.js';
import { createValidationPipe } from './errors/validation.pipe.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { LoyaltyApiService } from './loyalty/loyalty-api.service.js';
import { LoyaltyController } from './loyalty/loyalty.controller.js';
import { NpsController } from './nps/nps.controller.js';
import { NpsService } from './nps/nps.service.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { LoyaltyPagesController } from './pages/loyalty-pages.controller.js';
import { PagesController } from './pages/pages.controller.js';
import { ResurveyController } from './pages/resurvey.controller.js';
import { TokensController } from './tokens/tokens.controller.js';
import { TokensService } from './tokens/tokens.service.js';

export const API_CONTROLLERS: Type[] = [
  HealthController,
  CasesController,
  CustomersController,
  CustomerModelController,
  NpsController,
  DeadLettersController,
  PagesController,
  TokensController,
  SessionController,
  NotificationsController,
  ResurveyController,
  LoyaltyController,
  LoyaltyPagesController,
];

export const API_PROVIDERS: Provider[] = [
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_FILTER, useClass: ApiExceptionFilter },
  { provide: APP_PIPE, useFactory: createValidationPipe },
  CasesService,
  CustomersService,
  CustomerModelApiService,
  NpsService,
  DeadLettersService,
  HealthService,
  AuthService,
  TokensService,
  LoyaltyApiService,
];

@Module({})
export class ApiModule {
  static forConfig(config: LadderConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: coreModules(config, 'ladder-api'),
      controllers: API_CONTROLLERS,
      providers: API_PROVIDERS,
    };
  }
}
