import { loadConfig } from '#config';
import { DirectoryService } from '#directory';
import { coreModules } from '#runtime';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** `ladder directory import <file>`: replaces the stored directory with the file's regions, stores and employees. */
export async function directoryCommand(args: string[]): Promise<void> {
  const [action, file] = args;
  if (action !== 'import' || !file) throw new Error('usage: ladder directory import <file.yaml|file.json>');
  const config = { ...loadConfig(process.env), directoryPath: null };

  @Module({ imports: coreModules(config, 'ladder-cli') })
  class DirectoryCommandModule {}

  const app = await NestFactory.createApplicationContext(DirectoryCommandModule, {
    logger: ['error'],
    abortOnError: false,
  });
  try {
    const counts = await app.get(DirectoryService).importFile(file);
    process.stdout.write(
      `Imported ${file}: ${counts.regions} region(s), ${counts.stores} store(s), ${counts.employees} employee(s).\n`,
    );
  } finally {
    await app.close();
  }
}
