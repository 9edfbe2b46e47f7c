import { ensureDatabase } from '#persistence';
import { LOCAL_DATABASE_URL, type ServiceReport } from './endpoints.js';
import { kafkaDown, kafkaStatus, kafkaUp } from './kafka.js';
import { postgresDown, postgresStatus, postgresUp } from './postgres.js';
import { redisDown, redisStatus, redisUp } from './redis.js';
import { smtpCatcherDown, smtpCatcherStatus, smtpCatcherUp } from './smtp-catcher.js';
import { readState, writeState } from './stack-state.js';

export interface StackReport {
  services: ServiceReport[];
  tookMs: number;
}

/**
 * Brings the local stack up without Docker: the machine's PostgreSQL and Redis (started if stopped), a
 * Kafka broker from the official jars, and an SMTP catcher. Whatever already runs is used as it is, so a
 * second run returns at once.
 */
export async function stackUp(): Promise<StackReport> {
  const started = Date.now();
  const state = readState();
  try {
    const postgres = await postgresUp(state);
    await ensureDatabase(LOCAL_DATABASE_URL);
    const redis = await redisUp(state);
    // One after the other: resolving Kafka's jars runs Maven synchronously, which would starve other probes.
    const smtp = await smtpCatcherUp(state);
    const kafka = await kafkaUp(state);
    return { services: [postgres, redis, kafka, smtp], tookMs: Date.now() - started };
  } finally {
    writeState(state);
  }
}

/** Stops what stackUp started, and nothing else: services that were already running stay up. */
export async function stackDown(): Promise<string[]> {
  const state = readState();
  const stopped: string[] = [];
  try {
    if (state.smtp) await smtpCatcherDown(state).then(() => stopped.push('SMTP catcher'));
    if (state.kafka) await kafkaDown(state).then(() => stopped.push('Kafka'));
    if (state.redis) await redisDown(state).then(() => stopped.push('Redis'));
    if (state.postgres) await postgresDown(state).then(() => stopped.push('PostgreSQL'));
  } finally {
    writeState(state);
  }
  return stopped;
}

export async function stackStatus(): Promise<ServiceReport[]> {
  return Promise.all([postgresStatus(), redisStatus(), kafkaStatus(), smtpCatcherStatus()]);
}

export function formatStackReport(services: ServiceReport[]): string {
  const width = Math.max(...services.map((service) => service.name.length));
  return services
    .map((service) => {
      const timing =
        service.readyInMs === undefined ? '' : ` (ready in ${(service.readyInMs / 1000).toFixed(1)} s)`;
      return `  ${service.name.padEnd(width)}  ${service.status.padEnd(7)}  ${service.where}${timing}`;
    })
    .join('\n');
}
