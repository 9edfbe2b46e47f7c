import { loadConfig, type LadderConfig } from '#config';
import { LOCAL_DATABASE_URL, LOCAL_KAFKA_BROKERS, LOCAL_REDIS_URL, LOCAL_SMTP_URL } from '#local-stack';
import { ensureDatabase } from '#persistence';
import { removeNamespace } from './namespace.js';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** The migrated database each test file's own database is cloned from (made by the global setup). */
export const TEMPLATE_DATABASE = 'ladder_test_template';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
/** Signs the links in the tests' customer e-mails. */
export const TEST_SIGNING_SECRET = 'test-link-signing-secret-0123456789abcdef';

export interface TestEnvironment {
  /** A short unique name: the topic prefix, the queue prefix and the database name derive from it. */
  name: string;
  config: LadderConfig;
  env: Record<string, string>;
  /** Drops the database, deletes the topics and obliterates the queues this environment made. */
  cleanup(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A fresh, isolated Ladder environment on the local stack: its own database (cloned from the migrated
 * template), Kafka topic prefix, consumer group, BullMQ prefix and API port, so test files run in any order
 * and side by side.
 */
export async function createTestEnvironment(
  label: string,
  overrides: Record<string, string> = {},
): Promise<TestEnvironment> {
  const name = `t-${label
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .slice(0, 20)}-${randomBytes(3).toString('hex')}`;
  const database = name.replace(/-/g, '_');
  const databaseUrl = LOCAL_DATABASE_URL.replace(/\/ladder$/, `/${database}`);
  await ensureDatabase(databaseUrl, TEMPLATE_DATABASE);
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: LOCAL_KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: name,
    KAFKA_TOPIC_PARTITIONS: '3',
    LADDER_QUEUE_PREFIX: name,
    REDIS_URL: LOCAL_REDIS_URL,
    SMTP_URL: LOCAL_SMTP_URL,
    MAIL_FROM: `Ladder tests <ladder@${name}.test>`,
    PORT: String(port),
    LADDER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LADDER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LADDER_SIGNING_SECRET: TEST_SIGNING_SECRET,
    LADDER_FALLBACK_OWNER_EMAIL: `fallback@${name}.test`,
    LADDER_ADMIN_EMAIL: `admin@${name}.test`,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'json',
    ...overrides,
  };
  const config = loadConfig(env, { serveApi: true, runWorker: true });
  return {
    name,
    config,
    env,
    cleanup: () => removeNamespace(config),
  };
}
