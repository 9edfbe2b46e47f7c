import type { LadderConfig } from '#config';
import { createLogger } from '#observability';
import {
  Module,
  type DynamicModule,
  type INestApplication,
  type INestApplicationContext,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { coreModules } from './core-modules.js';
import { OpsServer } from './ops-server.js';
import { ReadinessService } from './readiness.service.js';

/** An HTTP surface to serve: its module, and what it sets up on the Express application itself. */
export interface HttpPart {
  module: Type | DynamicModule;
  configure(app: NestExpressApplication): void;
}

/** How a process names itself: to PostgreSQL (`application_name`) and at the start of its log lines. */
export interface ProcessNames {
  application: string;
  logPrefix: string;
}

/** What one Ladder process runs: an HTTP surface, worker roles, or both on one set of connections. */
export interface LadderParts {
  http?: HttpPart;
  worker?: DynamicModule;
}

/** The infrastructure and feature libraries every Ladder process has, with the parts this one runs. */
@Module({})
export class LadderModule {
  static compose(config: LadderConfig, applicationName: string, parts: LadderParts): DynamicModule {
    return {
      module: LadderModule,
      imports: [
        // A worker alone names its statements; a process serving the dashboard plans each report afresh.
        ...coreModules(config, applicationName, { preparedStatements: Boolean(parts.worker) && !parts.http }),
        ...(parts.http ? [parts.http.module] : []),
        ...(parts.worker ? [parts.worker] : []),
      ],
    };
  }
}

/** A worker-only process's own port for metrics and health, beside its roles. */
@Module({})
class ProcessOpsModule {
  static around(worker: DynamicModule): DynamicModule {
    return { module: ProcessOpsModule, imports: [worker], providers: [ReadinessService, OpsServer] };
  }
}

/** Builds an HTTP application (not yet listening) serving `parts.http`, with any worker roles beside it. */
export async function createHttpApplication(
  config: LadderConfig,
  parts: LadderParts & { http: HttpPart },
  names: ProcessNames,
): Promise<INestApplication> {
  const module = LadderModule.compose(config, names.application, parts);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: createLogger(config, names.logPrefix),
    abortOnError: false,
  });
  app.use(answerWithin(config.resilience.requestTimeoutMs));
  parts.http.configure(app);
  return app;
}

/**
 * No request hangs: one still unanswered after LADDER_REQUEST_TIMEOUT (Redis stalled, PostgreSQL's pool
 * exhausted) is answered 503 `timeout`, and the work behind it, bounded itself, ends on its own.
 */
function answerWithin(milliseconds: number) {
  return (_request: Request, response: Response, next: () => void): void => {
    const timer = setTimeout(() => {
      if (response.headersSent) return;
      response
        .status(503)
        .set('Retry-After', '5')
        .json({
          error: {
            code: 'timeout',
            message: `The request was not answered within ${milliseconds} ms; try again shortly.`,
          },
        });
    }, milliseconds);
    const clear = () => clearTimeout(timer);
    response.on('finish', clear);
    response.on('close', clear);
    next();
  };
}

/** Starts worker roles without HTTP. */
export async function createWorkerApplication(
  config: LadderConfig,
  worker: DynamicModule,
  names: ProcessNames,
): Promise<INestApplicationContext> {
  const module = LadderModule.compose(config, names.application, { worker: ProcessOpsModule.around(worker) });
  const app = await NestFactory.createApplicationContext(module, {
    logger: createLogger(config, names.logPrefix),
    abortOnError: false,
  });
  await app.init();
  return app;
}
