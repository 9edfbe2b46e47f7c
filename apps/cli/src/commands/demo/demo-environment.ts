import { LOCAL_DATABASE_URL, LOCAL_KAFKA_BROKERS, LOCAL_REDIS_URL, LOCAL_SMTP_URL } from '#local-stack';
import { randomBytes } from 'node:crypto';

/**
 * The demo's admin token and link-signing secret: new random ones for every run, printed in the summary,
 * so no value that could guard a real deployment is ever published.
 */
const demoSecret = (bytes: number) => randomBytes(bytes).toString('base64url');

/** The environment of the demo's Ladder: the local stack, in a namespace of its own. */
export function demoEnvironment(namespace: string, port: string, directoryFile: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: LOCAL_DATABASE_URL.replace(/\/ladder$/, `/${namespace.replaceAll('-', '_')}`),
    KAFKA_BROKERS: LOCAL_KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: namespace,
    LADDER_QUEUE_PREFIX: namespace,
    REDIS_URL: LOCAL_REDIS_URL,
    SMTP_URL: LOCAL_SMTP_URL,
    MAIL_FROM: 'Ladder demo <ladder@demo.ladder.local>',
    PORT: port,
    LADDER_PUBLIC_URL: `http://localhost:${port}`,
    LADDER_DIRECTORY: directoryFile,
    LADDER_ADMIN_TOKEN: demoSecret(24),
    LADDER_SIGNING_SECRET: demoSecret(33),
    LADDER_FALLBACK_OWNER_EMAIL: 'ops@demo.ladder.local',
    // Short enough that the friends' conversions are paid (or held) before the summary.
    LADDER_REFERRAL_COOLING_OFF: '10s',
    LADDER_ROLES: 'all',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
  };
}
