import { isKnownTimeZone, parseDuration } from '#domain';
import { ConfigError, type ConfigProblem } from './config.error.js';
import {
  WORKER_ROLES,
  type LadderConfig,
  type LogLevel,
  type RewardSpec,
  type WorkerRole,
} from './ladder-config.js';

export type Environment = Record<string, string | undefined>;

export interface LoadConfigOptions {
  /** Serving the API needs the admin token; migrating or simulating does not. */
  serveApi?: boolean;
}

const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Every environment variable Ladder reads; DESIGN.md §4.1 lists the contract ones, the README all of them. */
export const CONFIG_KEYS = [
  'KAFKA_BROKERS',
  'KAFKA_TOPIC_PREFIX',
  'KAFKA_CLIENT_ID',
  'KAFKA_CONSUMER_GROUP',
  'KAFKA_TOPIC_PARTITIONS',
  'KAFKA_REPLICATION_FACTOR',
  'DATABASE_URL',
  'REDIS_URL',
  'LADDER_QUEUE_PREFIX',
  'SMTP_URL',
  'MAIL_FROM',
  'PORT',
  'LADDER_PUBLIC_URL',
  'LADDER_DIRECTORY',
  'LADDER_ADMIN_TOKEN',
  'LADDER_ROLES',
  'LADDER_FOLLOW_UP_SLA',
  'LADDER_ESCALATION_STEPS',
  'LADDER_ESCALATION_SWEEP_EVERY',
  'LADDER_PRIORITY_REFRESH_EVERY',
  'LADDER_RESURVEY_AFTER',
  'LADDER_HUDDLE_AT',
  'LADDER_OUTER_LOOP_AT',
  'LADDER_SIGNING_SECRET',
  'LADDER_NPS_MIN_SAMPLE',
  'LADDER_FALLBACK_OWNER_EMAIL',
  'LADDER_ADMIN_EMAIL',
  'LADDER_DEFAULT_TIMEZONE',
  'LADDER_CLIENT_REPEAT_WINDOW',
  'LADDER_CLIENT_LAPSE_WINDOW',
  'LADDER_RFM_WINDOW',
  'LADDER_CHURN_LATE_FACTOR',
  'LADDER_CUSTOMER_REVIEW_EVERY',
  'LADDER_SEGMENTS_EVERY',
  'LADDER_MARKETING_BUDGET',
  'LADDER_CONTACT_BUDGET',
  'LADDER_FLOOD',
  'LADDER_TRIAGE_RULES',
  'LADDER_INVITATION_VALID_FOR',
  'LADDER_WELCOME_REWARD',
  'LADDER_REFERRAL_REWARD',
  'LADDER_REFERRAL_COOLING_OFF',
  'LADDER_REFERRAL_BURST',
  'LADDER_REFERRAL_CAP',
  'LADDER_REFERRAL_SWEEP_EVERY',
  'LOG_LEVEL',
  'LOG_FORMAT',
] as const;

/** The connection settings of the public contract (DESIGN.md §4.1). */
export const CONTRACT_CONFIG_KEYS = [
  'KAFKA_BROKERS',
  'KAFKA_TOPIC_PREFIX',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'PORT',
  'LADDER_PUBLIC_URL',
  'LADDER_DIRECTORY',
  'LADDER_ADMIN_TOKEN',
  'LADDER_ROLES',
] as const;

/**
 * Reads and checks every setting. Collects all problems before failing, so the message names every bad
 * key. The only place in Ladder that reads `process.env` is the caller of this function.
 */
export function loadConfig(env: Environment, options: LoadConfigOptions = {}): LadderConfig {
  const problems: ConfigProblem[] = [];
  const reader = new EnvironmentReader(env, problems);

  const topicPrefix = reader.pattern(
    'KAFKA_TOPIC_PREFIX',
    'ladder',
    /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,100}$/,
    'must be letters, digits, ".", "_" or "-"',
  );
  const brokers = reader
    .text('KAFKA_BROKERS', '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((broker) => !/^[^\s:]+:\d{1,5}$/.test(broker))) {
    problems.push({ key: 'KAFKA_BROKERS', message: 'must be a comma-separated list of host:port' });
  }
  const port = reader.integer('PORT', 3000, 1, 65535);
  const publicUrl = reader
    .url('LADDER_PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])
    .replace(/\/+$/, '');
  const adminToken = env.LADDER_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    problems.push({
      key: 'LADDER_ADMIN_TOKEN',
      message: `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`,
    });
  } else if (adminToken === null && options.serveApi) {
    problems.push({
      key: 'LADDER_ADMIN_TOKEN',
      message: `is required to serve the API (a secret of at least ${MIN_ADMIN_TOKEN_LENGTH} characters)`,
    });
  }
  const fallbackOwnerEmail = reader.email('LADDER_FALLBACK_OWNER_EMAIL', 'ops@localhost');

  const config: LadderConfig = {
    kafka: {
      brokers,
      topicPrefix,
      clientId: reader.text('KAFKA_CLIENT_ID', 'ladder'),
      consumerGroup: reader.text('KAFKA_CONSUMER_GROUP', `${topicPrefix}.scoring`),
      topicPartitions: reader.integer('KAFKA_TOPIC_PARTITIONS', 6, 1, 10_000),
      replicationFactor: reader.integer('KAFKA_REPLICATION_FACTOR', 1, 1, 16),
    },
    databaseUrl: reader.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ladder', [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: reader.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: reader.pattern(
      'LADDER_QUEUE_PREFIX',
      topicPrefix,
      /^[a-zA-Z0-9_.-]{1,100}$/,
      'must be letters, digits, ".", "_" or "-"',
    ),
    smtpUrl: reader.url('SMTP_URL', 'smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
    mailFrom: reader.text('MAIL_FROM', 'Ladder <ladder@localhost>'),
    port,
    publicUrl,
    directoryPath: env.LADDER_DIRECTORY?.trim() || null,
    adminToken,
    roles: reader.roles('LADDER_ROLES'),
    followUp: {
      defaultSlaMs: reader.duration('LADDER_FOLLOW_UP_SLA', '48h'),
      escalationSteps: reader.escalationSteps(
        'LADDER_ESCALATION_STEPS',
        'store-manager@0s,regional-manager@24h',
      ),
      escalationSweepEveryMs: reader.duration('LADDER_ESCALATION_SWEEP_EVERY', '1m'),
      priorityRefreshEveryMs: reader.duration('LADDER_PRIORITY_REFRESH_EVERY', '15m'),
      resurveyAfterMs: reader.duration('LADDER_RESURVEY_AFTER', '3d'),
    },
    reports: {
      huddleAt: reader.timeOfDay('LADDER_HUDDLE_AT', '08:00'),
      outerLoopAt: reader.weeklyTime('LADDER_OUTER_LOOP_AT', 'mon 09:00'),
    },
    signingSecret: signingSecret(env, adminToken, problems),
    nps: { minimumSample: reader.integer('LADDER_NPS_MIN_SAMPLE', 30, 1, 1_000_000) },
    customerModel: {
      clientRepeatWindowMs: reader.duration('LADDER_CLIENT_REPEAT_WINDOW', '180d'),
      clientLapseWindowMs: reader.duration('LADDER_CLIENT_LAPSE_WINDOW', '180d'),
      rfmWindowMs: reader.duration('LADDER_RFM_WINDOW', '365d'),
      churnLateFactor: reader.number('LADDER_CHURN_LATE_FACTOR', 2, 1, 100),
      reviewEveryMs: reader.duration('LADDER_CUSTOMER_REVIEW_EVERY', '1m'),
      segmentsEveryMs: reader.duration('LADDER_SEGMENTS_EVERY', '24h'),
    },
    loyalty: {
      invitationValidForMs: reader.duration('LADDER_INVITATION_VALID_FOR', '30d'),
      welcomeReward: reader.reward('LADDER_WELCOME_REWARD', '1000 EUR 90d'),
      referralReward: reader.reward('LADDER_REFERRAL_REWARD', '2000 EUR 90d'),
      coolingOffMs: reader.duration('LADDER_REFERRAL_COOLING_OFF', '14d'),
      burst: reader.rate('LADDER_REFERRAL_BURST', '3/24h'),
      cap: reader.rate('LADDER_REFERRAL_CAP', '5/30d'),
      settleSweepEveryMs: reader.duration('LADDER_REFERRAL_SWEEP_EVERY', '5m'),
    },
    contactBudget: {
      marketing: reader.rate('LADDER_MARKETING_BUDGET', '1/30d'),
      total: reader.rate('LADDER_CONTACT_BUDGET', '3/30d'),
    },
    triage: {
      flood: reader.rate('LADDER_FLOOD', '3/24h'),
      rulesPath: env.LADDER_TRIAGE_RULES?.trim() || null,
    },
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

const MIN_SIGNING_SECRET_LENGTH = 32;

/**
 * LADDER_SIGNING_SECRET, or one derived from the admin token when it is not set: links keep working across
 * restarts and replicas either way. Setting it apart lets the admin token rotate without breaking links.
 */
function signingSecret(
  env: Environment,
  adminToken: string | null,
  problems: ConfigProblem[],
): string | null {
  const secret = env.LADDER_SIGNING_SECRET?.trim();
  if (secret) {
    if (secret.length < MIN_SIGNING_SECRET_LENGTH) {
      problems.push({
        key: 'LADDER_SIGNING_SECRET',
        message: `must be at least ${MIN_SIGNING_SECRET_LENGTH} characters`,
      });
    }
    return secret;
  }
  return adminToken ? `derived-from-admin-token:${adminToken}` : null;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

class EnvironmentReader {
  constructor(
    private readonly env: Environment,
    private readonly problems: ConfigProblem[],
  ) {}

  text(key: string, fallback: string): string {
    const value = this.env[key]?.trim();
    return value ? value : fallback;
  }

  pattern(key: string, fallback: string, pattern: RegExp, message: string): string {
    const value = this.text(key, fallback);
    if (!pattern.test(value)) this.problems.push({ key, message });
    return value;
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push({ key, message: `must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return value;
  }

  url(key: string, fallback: string, protocols: string[]): string {
    const value = this.text(key, fallback);
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push({ key, message: `must be a URL starting with ${protocols.join(' or ')}//` });
      }
    } catch {
      this.problems.push({ key, message: 'must be a URL' });
    }
    return value;
  }

  email(key: string, fallback: string): string {
    const value = this.text(key, fallback);
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) this.problems.push({ key, message: 'must be an e-mail address' });
    return value;
  }

  duration(key: string, fallback: string): number {
    const value = this.text(key, fallback);
    const milliseconds = parseDuration(value);
    if (milliseconds === null) {
      this.problems.push({ key, message: 'must be a duration such as 30s, 15m, 48h or 7d' });
      return parseDuration(fallback) ?? 0;
    }
    return milliseconds;
  }

  number(key: string, fallback: number, min: number, max: number): number {
    const raw = this.env[key]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problems.push({ key, message: `must be a number from ${min} to ${max}` });
      return fallback;
    }
    return value;
  }

  /** A count within a duration, written `3/24h`: at most 3 in any 24 hours. */
  rate(key: string, fallback: string): { max: number; withinMs: number } {
    const parse = (text: string) => {
      const match = /^\s*(\d+)\s*\/\s*(\S+)\s*$/.exec(text);
      const max = match ? Number(match[1]) : NaN;
      const withinMs = match ? parseDuration(match[2]!) : null;
      return Number.isInteger(max) && max >= 1 && withinMs !== null ? { max, withinMs } : null;
    };
    const value = parse(this.text(key, fallback));
    if (value === null) {
      this.problems.push({ key, message: 'must be a count per duration such as 1/30d or 3/24h' });
      return parse(fallback)!;
    }
    return value;
  }

  /** A reward: `<amount in minor units> <ISO currency> <validity>`, e.g. `1000 EUR 90d`. */
  reward(key: string, fallback: string): RewardSpec {
    const parse = (text: string): RewardSpec | null => {
      const match = /^\s*(\d{1,15})\s+([A-Za-z]{3})\s+(\S+)\s*$/.exec(text);
      const validForMs = match ? parseDuration(match[3]!) : null;
      return match && validForMs !== null && Number(match[1]) > 0
        ? { amountMinor: Number(match[1]), currency: match[2]!.toUpperCase(), validForMs }
        : null;
    };
    const value = parse(this.text(key, fallback));
    if (value === null) {
      this.problems.push({
        key,
        message: 'must be an amount in minor units, a currency and a validity, such as 1000 EUR 90d',
      });
      return parse(fallback)!;
    }
    return value;
  }

  timeZone(key: string, fallback: string): string {
    const value = this.text(key, fallback);
    if (!isKnownTimeZone(value))
      this.problems.push({ key, message: 'must be an IANA time zone such as Asia/Tehran' });
    return value;
  }

  choice<Value extends string>(key: string, fallback: Value, choices: readonly Value[]): Value {
    const value = this.text(key, fallback);
    if (!choices.includes(value as Value)) {
      this.problems.push({ key, message: `must be one of ${choices.join(', ')}` });
      return fallback;
    }
    return value as Value;
  }

  /** `store-manager@0s,regional-manager@24h`: who is told, and how long after the due time. */
  escalationSteps(
    key: string,
    fallback: string,
  ): Array<{ to: 'store-manager' | 'regional-manager'; afterDueMs: number }> {
    const parse = (text: string) => {
      const steps = text.split(',').map((part) => {
        const [to, after] = part.trim().split('@');
        const afterDueMs =
          after === undefined
            ? null
            : after.trim() === '0s' || after.trim() === '0'
              ? 0
              : parseDuration(after);
        return to === 'store-manager' || to === 'regional-manager' ? { to, afterDueMs } : null;
      });
      if (steps.some((step) => step === null || step.afterDueMs === null)) return null;
      const valid = steps as Array<{ to: 'store-manager' | 'regional-manager'; afterDueMs: number }>;
      return valid.every((step, index) => index === 0 || step.afterDueMs > valid[index - 1]!.afterDueMs)
        ? valid
        : null;
    };
    const value = parse(this.text(key, fallback));
    if (value === null) {
      this.problems.push({
        key,
        message:
          'must be steps such as store-manager@0s,regional-manager@24h (to@delay after the due time, increasing)',
      });
      return parse(fallback)!;
    }
    return value;
  }

  /** A local time of day, `HH:MM` or `HH:MM:SS`. */
  timeOfDay(key: string, fallback: string): { hour: number; minute: number; second: number } {
    const parse = (text: string) => {
      const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
      if (!match) return null;
      const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
      return hour < 24 && minute < 60 && second < 60 ? { hour, minute, second } : null;
    };
    const value = parse(this.text(key, fallback));
    if (value === null) {
      this.problems.push({ key, message: 'must be a local time such as 08:00 or 08:00:30' });
      return parse(fallback)!;
    }
    return value;
  }

  /** A local day and time of the week, `mon 09:00` or `mon 09:00:30`. */
  weeklyTime(
    key: string,
    fallback: string,
  ): { dayOfWeek: number; hour: number; minute: number; second: number } {
    const parse = (text: string) => {
      const match = /^([a-z]{3})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/i.exec(text.trim());
      const dayOfWeek = match ? DAYS.indexOf(match[1]!.toLowerCase()) : -1;
      const [hour, minute, second] = match
        ? [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)]
        : [99, 99, 99];
      return dayOfWeek >= 0 && hour < 24 && minute < 60 && second < 60
        ? { dayOfWeek, hour, minute, second }
        : null;
    };
    const value = parse(this.text(key, fallback));
    if (value === null) {
      this.problems.push({ key, message: 'must be a day and a local time such as mon 09:00' });
      return parse(fallback)!;
    }
    return value;
  }

  roles(key: string): WorkerRole[] {
    const value = this.text(key, 'all');
    if (value === 'all') return [...WORKER_ROLES];
    const roles = value
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean);
    const unknown = roles.filter((role) => !(WORKER_ROLES as readonly string[]).includes(role));
    if (unknown.length > 0 || roles.length === 0) {
      this.problems.push({
        key,
        message: `must be "all" or a comma-separated list of ${WORKER_ROLES.join(', ')}`,
      });
      return [...WORKER_ROLES];
    }
    return [...new Set(roles)] as WorkerRole[];
  }
}
