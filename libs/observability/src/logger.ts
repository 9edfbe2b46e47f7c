import type { LadderConfig, LogLevel } from '#config';
import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';

const LEVELS: Record<LogLevel, NestLogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/**
 * Structured logs: one JSON object a line in production, readable lines for a person at a terminal.
 * Log entries carry ids (event, case, notification, job, topic/partition/offset), never personal data.
 */
export function createLogger(config: Pick<LadderConfig, 'log'>, prefix = 'Ladder'): ConsoleLogger {
  return new ConsoleLogger({
    prefix,
    json: config.log.format === 'json',
    colors: config.log.format === 'text' && process.stdout.isTTY,
    logLevels: LEVELS[config.log.level],
  });
}
