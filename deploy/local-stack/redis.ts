import { connect } from 'node:net';
import { LOCAL_STACK, type ServiceReport } from './endpoints.js';
import { run, waitFor } from './process-tools.js';
import type { StackState } from './stack-state.js';

const WHERE = `redis://${LOCAL_STACK.redis.host}:${LOCAL_STACK.redis.port}`;

/** Sends PING and expects PONG: Redis, not just anything on the port. */
function ping(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: LOCAL_STACK.redis.host, port: LOCAL_STACK.redis.port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** The machine's own Redis: used as it is, started (without persistence, as the machine runs it) when stopped. */
export async function redisUp(state: StackState): Promise<ServiceReport> {
  if (await ping()) return { name: 'Redis', where: WHERE, status: 'running' };
  const started = Date.now();
  run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    LOCAL_STACK.redis.host,
    '--port',
    String(LOCAL_STACK.redis.port),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await waitFor('Redis', ping, 30_000);
  state.redis = { port: LOCAL_STACK.redis.port };
  return { name: 'Redis', where: WHERE, status: 'started', readyInMs: Date.now() - started };
}

export async function redisDown(state: StackState): Promise<void> {
  if (!state.redis) return;
  try {
    run('redis-cli', ['-h', LOCAL_STACK.redis.host, '-p', String(state.redis.port), 'shutdown', 'nosave']);
  } catch (error) {
    // redis-cli may report the connection the shutdown closed; what matters is that Redis is gone.
    if (await ping()) throw error;
  }
  delete state.redis;
}

export async function redisStatus(): Promise<ServiceReport> {
  return { name: 'Redis', where: WHERE, status: (await ping()) ? 'running' : 'stopped' };
}
