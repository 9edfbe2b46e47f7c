import { loadConfig, type LadderConfig } from '#config';
import { coreModules } from '#runtime';
import { Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * Runs one command's work in a Ladder context of its own (the configured services, the feature modules it
 * names), then closes it. The directory file is not imported at start: a command says what it changes.
 */
export async function withLadder<Result>(
  features: Type[],
  work: (app: INestApplicationContext, config: LadderConfig) => Promise<Result>,
): Promise<Result> {
  const config = { ...loadConfig(process.env), directoryPath: null };

  @Module({ imports: [...coreModules(config, 'ladder-cli'), ...features] })
  class CommandModule {}

  const app = await NestFactory.createApplicationContext(CommandModule, {
    logger: ['error'],
    abortOnError: false,
  });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
