import type { LadderConfig } from '#config';
import { createLogger } from '#observability';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

/** Starts the worker roles LADDER_ROLES names, in this process. */
export async function createWorkerApplication(config: LadderConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), {
    logger: createLogger(config, 'Ladder worker'),
    abortOnError: false,
  });
  await app.init();
  return app;
}
