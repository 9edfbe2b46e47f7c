import { readdirSync } from 'node:fs';
import pg from 'pg';
import { LOCAL_STACK, type ServiceReport } from './endpoints.js';
import { run, waitFor } from './process-tools.js';
import type { StackState } from './stack-state.js';

const WHERE = `postgres://${LOCAL_STACK.postgres.host}:${LOCAL_STACK.postgres.port}`;

async function answers(): Promise<boolean> {
  const client = new pg.Client({
    host: LOCAL_STACK.postgres.host,
    port: LOCAL_STACK.postgres.port,
    user: LOCAL_STACK.postgres.user,
    database: 'postgres',
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function clusterVersion(): string {
  const versions = readdirSync('/etc/postgresql').sort();
  const version = versions[versions.length - 1];
  if (!version) throw new Error('PostgreSQL is not installed (/etc/postgresql is empty)');
  return version;
}

/** The machine's own PostgreSQL: used as it is, started with pg_ctlcluster when it is stopped. */
export async function postgresUp(state: StackState): Promise<ServiceReport> {
  if (await answers()) return { name: 'PostgreSQL', where: WHERE, status: 'running' };
  const started = Date.now();
  const version = clusterVersion();
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  await waitFor('PostgreSQL', answers, 60_000);
  state.postgres = { cluster: version };
  return { name: 'PostgreSQL', where: WHERE, status: 'started', readyInMs: Date.now() - started };
}

export async function postgresDown(state: StackState): Promise<void> {
  if (!state.postgres) return;
  run('pg_ctlcluster', ['--skip-systemctl-redirect', state.postgres.cluster, 'main', 'stop']);
  delete state.postgres;
}

export async function postgresStatus(): Promise<ServiceReport> {
  return { name: 'PostgreSQL', where: WHERE, status: (await answers()) ? 'running' : 'stopped' };
}
