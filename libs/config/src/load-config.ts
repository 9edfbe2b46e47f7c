import { ConfigError, type ConfigProblem } from './config.error.js';
import { readCrossSell } from './cross-sell-settings.js';
import { readBrokers, readKafka, readStores, readTopicPrefix } from './connection-settings.js';
import { EnvironmentReader, type Environment } from './environment-reader.js';
import {
  readContactBudget,
  readCustomerModel,
  readFollowUp,
  readLoyalty,
  readReports,
  readTriage,
} from './feature-settings.js';
import { MAILING_ROLES, type LadderConfig, type LogLevel } from './ladder-config.js';
import { readResilience } from './resilience-settings.js';
import { readRateLimits, readServer, readSigning } from './server-settings.js';

export interface LoadConfigOptions {
  /** Serving the API needs the admin token and the signing secret; migrating or simulating does not. */
  serveApi?: boolean;
  /** Running worker roles that send customer e-mail needs the signing secret. */
  runWorker?: boolean;
}

/**
 * Reads and checks every setting. Collects all problems before failing, so the message names every bad
 * key. The only place in Ladder that reads `process.env` is the caller of this function.
 */
export function loadConfig(env: Environment, options: LoadConfigOptions = {}): LadderConfig {
  const problems: ConfigProblem[] = [];
  const reader = new EnvironmentReader(env, problems);

  // Settings others build on are read first. The order of the reads is the order the error lists problems in.
  const topicPrefix = readTopicPrefix(reader);
  const brokers = readBrokers(reader);
  const { port, publicUrl, adminToken } = readServer(reader, options.serveApi);
  const roles = reader.roles('LADDER_ROLES');
  const sendsMail = options.runWorker === true && roles.some((role) => MAILING_ROLES.includes(role));
  const fallbackOwnerEmail = reader.email('LADDER_FALLBACK_OWNER_EMAIL', 'ops@localhost');

  const config: LadderConfig = {
    kafka: readKafka(reader, topicPrefix, brokers),
    ...readStores(reader, topicPrefix),
    port,
    workerPort: reader.integer('LADDER_WORKER_PORT', 3001, 1, 65535),
    publicUrl,
    directoryPath: reader.optional('LADDER_DIRECTORY'),
    adminToken,
    roles,
    resilience: readResilience(reader),
    rateLimits: readRateLimits(reader),
    followUp: readFollowUp(reader),
    reports: readReports(reader),
    signing: readSigning(reader, options.serveApi === true || sendsMail),
    nps: { minimumSample: reader.integer('LADDER_NPS_MIN_SAMPLE', 30, 1, 1_000_000) },
    customerModel: readCustomerModel(reader),
    loyalty: readLoyalty(reader),
    crossSell: readCrossSell(reader),
    contactBudget: readContactBudget(reader),
    triage: readTriage(reader),
    fallbackOwnerEmail,
    adminEmail: reader.email('LADDER_ADMIN_EMAIL', fallbackOwnerEmail),
    defaultTimeZone: reader.timeZone('LADDER_DEFAULT_TIMEZONE', 'UTC'),
    log: {
      level: reader.choice<LogLevel>('LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error']),
      format: reader.choice('LOG_FORMAT', 'json', ['json', 'text']),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
