import type { LadderConfig } from '#config';
import { coreModules } from '#runtime';
import { Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * One feature library started on its own against the real services, for its integration tests: the
 * infrastructure every process has and the library's module, logs off, initialised. Close it after.
 */
export async function startLibrary(
  config: LadderConfig,
  ...features: Type[]
): Promise<INestApplicationContext> {
  @Module({ imports: [...coreModules(config, 'test'), ...features] })
  class LibraryUnderTest {}

  const context = await NestFactory.createApplicationContext(LibraryUnderTest, {
    logger: false,
    abortOnError: false,
  });
  return context.init();
}
