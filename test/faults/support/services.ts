import { LOCAL_STACK, run, stackStatus, waitFor } from '#local-stack';
import { readdirSync } from 'node:fs';
import { kafkaDown, kafkaUp } from '../../../deploy/local-stack/kafka.js';
import { smtpCatcherDown, smtpCatcherUp } from '../../../deploy/local-stack/smtp-catcher.js';
import { readState, writeState, type StackState } from '../../../deploy/local-stack/stack-state.js';
import { sleep } from './load-producer.js';

// The real services of the local stack, stopped and started for real. Every helper that takes a service
// away puts it back in `finally` and waits until it answers again, whatever the test did meanwhile.

const REDIS = ['-h', LOCAL_STACK.redis.host, '-p', String(LOCAL_STACK.redis.port)];

function redisCli(...args: string[]): string {
  return run('redis-cli', [...REDIS, ...args]).trim();
}

async function redisAnswers(): Promise<boolean> {
  try {
    return run('timeout', ['3', 'redis-cli', ...REDIS, 'PING']).trim() === 'PONG';
  } catch {
    return false;
  }
}

async function postgresAnswers(): Promise<boolean> {
  try {
    run('pg_isready', ['-q', '-h', LOCAL_STACK.postgres.host, '-p', String(LOCAL_STACK.postgres.port)]);
    return true;
  } catch {
    return false;
  }
}

function postgresCluster(action: 'restart' | 'stop' | 'start'): void {
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  if (!version) throw new Error('PostgreSQL is not installed (/etc/postgresql is empty)');
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action]);
}

/** `pg_ctlcluster … restart`: every connection is cut, the server is back within seconds. */
export async function restartPostgres(): Promise<void> {
  try {
    postgresCluster('restart');
  } finally {
    await ensurePostgres();
  }
}

/** PostgreSQL stopped for `milliseconds`, then started again. */
export async function withPostgresStopped(milliseconds: number): Promise<void> {
  try {
    postgresCluster('stop');
    await sleep(milliseconds);
  } finally {
    await ensurePostgres();
  }
}

async function ensurePostgres(): Promise<void> {
  if (!(await postgresAnswers())) {
    try {
      postgresCluster('start');
    } catch (error) {
      // Already starting or running: what matters is that it answers.
      if (!(await postgresAnswers())) process.stderr.write(`pg_ctlcluster start: ${String(error)}\n`);
    }
  }
  await waitFor('PostgreSQL', postgresAnswers, 60_000);
}

/**
 * Redis shut down without saving and started again empty, as a Redis without persistence comes back from
 * a crash or a failover: every queue, job, schedule and lock Ladder kept there is gone.
 */
export async function restartRedisLosingData(): Promise<void> {
  const bind = redisCli('CONFIG', 'GET', 'bind').split('\n')[1] ?? LOCAL_STACK.redis.host;
  const dir = redisCli('CONFIG', 'GET', 'dir').split('\n')[1] ?? '/tmp';
  try {
    try {
      redisCli('SHUTDOWN', 'NOSAVE');
    } catch {
      // redis-cli may report the connection the shutdown closed.
    }
    await waitFor('Redis to stop', async () => !(await redisAnswers()), 30_000);
  } finally {
    await ensureRedis(bind, dir);
  }
}

async function ensureRedis(bind: string = LOCAL_STACK.redis.host, dir = '/tmp'): Promise<void> {
  if (!(await redisAnswers())) {
    run('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      ...bind.split(/\s+/).filter(Boolean),
      '--port',
      String(LOCAL_STACK.redis.port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ]);
  }
  await waitFor('Redis', redisAnswers, 30_000);
}

/** `CLIENT PAUSE <ms> ALL`: Redis holds every client's commands, reads included, for `milliseconds`. */
export async function withRedisPaused(milliseconds: number, during: () => Promise<void>): Promise<void> {
  redisCli('CLIENT', 'PAUSE', String(milliseconds), 'ALL');
  try {
    await during();
  } finally {
    try {
      redisCli('CLIENT', 'UNPAUSE');
    } finally {
      await ensureRedis();
    }
  }
}

function stackState(service: 'kafka' | 'smtp'): StackState {
  const state = readState();
  if (!state[service]) {
    throw new Error(
      `the fault suite stops and starts only a ${service} the local stack started (npm run stack); ` +
        'this one was running already',
    );
  }
  return state;
}

/** The Kafka broker stopped (SIGTERM, a clean shutdown) for `milliseconds`, then started again. */
export async function withKafkaStopped(milliseconds: number): Promise<void> {
  const state = stackState('kafka');
  try {
    await kafkaDown(state);
    writeState(state);
    await sleep(milliseconds);
  } finally {
    await kafkaUp(state);
    writeState(state);
  }
}

/** The SMTP catcher stopped (connections refused) for `milliseconds`, then started again. */
export async function withSmtpStopped(milliseconds: number): Promise<void> {
  const state = stackState('smtp');
  try {
    await smtpCatcherDown(state);
    writeState(state);
    await sleep(milliseconds);
  } finally {
    await smtpCatcherUp(state);
    writeState(state);
  }
}

/** Fails unless every service of the local stack answers (and Redis is not paused). */
export async function expectStackHealthy(): Promise<void> {
  const stopped = (await stackStatus()).filter((service) => service.status !== 'running');
  if (stopped.length > 0 || !(await redisAnswers())) {
    throw new Error(`the local stack is not healthy: ${JSON.stringify(stopped)}`);
  }
}
