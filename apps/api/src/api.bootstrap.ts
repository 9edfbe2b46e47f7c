import type { LadderConfig } from '#config';
import { createLogger } from '#observability';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountQueueBoard } from './admin/queue-board.js';
import { ApiModule } from './api.module.js';
import { serveOperationsUi } from './pages/operations-ui.js';

/** Builds an HTTP application (not yet listening) from the API module, or from a module that includes it. */
export async function createHttpApplication(
  config: LadderConfig,
  module: DynamicModule = ApiModule.forConfig(config),
  logPrefix = 'Ladder api',
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: createLogger(config, logPrefix),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  // The re-survey page posts a plain HTML form.
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  serveOperationsUi(app);
  mountQueueBoard(app);
  return app;
}

/** Builds and starts the API on PORT. */
export async function startApi(config: LadderConfig): Promise<INestApplication> {
  const app = await createHttpApplication(config);
  await app.listen(config.port);
  return app;
}
