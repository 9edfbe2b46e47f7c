import type { EnvironmentReader } from './environment-reader.js';
import type { LadderConfig } from './ladder-config.js';

/**
 * How long Ladder waits and how often it retries before it hands work to its safety nets. The defaults
 * suit production; the fault tests shrink them to make an outage outlast the retries within minutes.
 */
export function readResilience(reader: EnvironmentReader): LadderConfig['resilience'] {
  return {
    jobAttempts: reader.integer('LADDER_JOB_ATTEMPTS', 10, 1, 100),
    jobBackoffMs: reader.duration('LADDER_JOB_BACKOFF', '1s'),
    redisTimeoutMs: reader.duration('LADDER_REDIS_TIMEOUT', '5s'),
    kafkaTimeoutMs: reader.duration('LADDER_KAFKA_TIMEOUT', '30s'),
    requestTimeoutMs: reader.duration('LADDER_REQUEST_TIMEOUT', '15s'),
    reconcileEveryMs: reader.duration('LADDER_RECONCILE_EVERY', '1m'),
    eventMaxFutureMs: reader.duration('LADDER_EVENT_MAX_FUTURE', '1d'),
    eventMaxAgeMs: reader.duration('LADDER_EVENT_MAX_AGE', '3650d'),
  };
}
