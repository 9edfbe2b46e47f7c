import { loadConfig } from '#config';
import { parseDirectory } from '#directory';
import { projectRoot, stackUp } from '#local-stack';
import { ensureDatabase, runMigrations } from '#persistence';
import { removeNamespace } from '#testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ProgressBar } from '../progress-bar.js';
import { machine, writeBenchFigures } from './bench/bench-files.js';
import { seedDashboardData } from './bench/dashboard-seed.js';
import { latencySummary, type LatencySummary } from './bench/latency.js';
import { demoEnvironment } from './demo/demo-environment.js';
import { startLadder, stopLadder, waitForReady } from './demo/ladder-process.js';

const TARGET_P95_MS = 300;

/**
 * `ladder bench-dashboard`: the dashboard's endpoints against a read model the size of a large chain's year
 * (1,000,000 answers and 200,000 customers by default), each called again and again by an all-stores admin
 * and by a one-store manager, printing p50, p95 and the worst beside the 300 ms target, and writing the
 * figures as JSON under .ladder/bench/. A benchmark, not a test: it says how fast, not whether right.
 */
export async function benchDashboardCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      answers: { type: 'string', default: '1000000' },
      customers: { type: 'string', default: '200000' },
      calls: { type: 'string', default: '40' },
      port: { type: 'string', default: '3090' },
      namespace: { type: 'string', default: 'ladder-bench-dashboard' },
    },
    strict: true,
  });
  const size = { answers: Number(values.answers), customers: Number(values.customers), days: 365 };
  const calls = Number(values.calls);
  if (![size.answers, size.customers, calls].every((value) => Number.isInteger(value) && value > 0))
    throw new Error('--answers, --customers and --calls must be whole numbers above 0');
  const directoryFile = join(projectRoot(), 'deploy', 'demo', 'directory.yaml');
  const directory = parseDirectory(readFileSync(directoryFile, 'utf8'), directoryFile);

  await stackUp();
  const env = {
    ...demoEnvironment(values.namespace, values.port, directoryFile),
    LADDER_ROLES: 'notifications',
  };
  const config = loadConfig(env, { serveApi: true, runWorker: true });
  await removeNamespace(config);
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);

  const database = new pg.Client({ connectionString: config.databaseUrl });
  await database.connect();
  const seeding = new ProgressBar('Seeding', 1);
  const seededAt = Date.now();
  try {
    await seedDashboardData(database, directory, size, (step, done, total) => {
      seeding.setTotal(total);
      seeding.update(done, step);
    });
  } finally {
    await database.end();
  }
  seeding.finish();
  process.stdout.write(`  seeded in ${((Date.now() - seededAt) / 1000).toFixed(0)} s\n`);

  const logFile = join(projectRoot(), '.ladder', 'logs', `${values.namespace}.log`);
  const ladder = startLadder(env, logFile);
  try {
    await waitForReady(config, ladder, logFile);
    const admin = config.adminToken!;
    const store = directory.stores[0]!.id;
    const manager = await issueManagerToken(config.publicUrl, admin, store);
    const results: BenchResult[] = [];
    const endpoints = dashboardEndpoints();
    const bar = new ProgressBar('Calling', endpoints.length * 2);
    for (const endpoint of endpoints) {
      for (const [caller, token] of [
        ['admin', admin],
        [`manager of ${store}`, manager],
      ] as const) {
        try {
          results.push({ endpoint, caller, ...(await measure(config.publicUrl, endpoint, token, calls)) });
        } catch (error) {
          // An endpoint that answers an error is a failed row of the report, and the run fails.
          results.push({
            endpoint,
            caller,
            samples: 0,
            p50: 0,
            p95: 0,
            max: 0,
            error: (error as Error).message,
          });
        }
        bar.update(results.length, endpoint.split('?')[0]);
      }
    }
    bar.finish();
    process.stdout.write(report(results, size, calls));
    const file = writeBenchFigures('dashboard', {
      machine: machine(),
      size,
      calls,
      targetP95Ms: TARGET_P95_MS,
      results,
    });
    process.stdout.write(`\n  figures written to ${file}\n`);
    if (results.some((result) => result.error || result.p95 > TARGET_P95_MS)) process.exitCode = 1;
  } finally {
    await stopLadder(ladder);
  }
}

/** Every figure the dashboard reads, for the last 90 days (the trend by week), as the page asks for it. */
function dashboardEndpoints(): string[] {
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${day(89)}&to=${day(0)}`;
  // The same span between two instants: counted from the answers themselves, not the daily counts.
  const instants = `from=${encodeURIComponent(new Date(Date.now() - 89 * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
  return [
    `/api/nps?${period}&groupBy=week`,
    `/api/nps?${instants}&groupBy=week`,
    `/api/nps?${period}&groupBy=store`,
    `/api/nps?${period}&groupBy=region`,
    `/api/ladder?${period}`,
    `/api/queue-health?${period}`,
    `/api/recovery?${period}`,
    `/api/root-causes?${period}`,
    `/api/people?${period}`,
    `/api/themes?${period}&interval=week`,
    '/api/customer-lists/at-risk?limit=25',
    '/api/customer-lists/champions?limit=25',
    '/api/customer-lists/promoters-not-in-club?limit=25',
    '/api/customer-lists/lapsed-clients?limit=25',
  ];
}

async function measure(baseUrl: string, path: string, token: string, calls: number): Promise<LatencySummary> {
  const call = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
    return performance.now() - started;
  };
  // Two calls warm the connection pool and PostgreSQL's caches; they are not counted.
  await call();
  await call();
  const samples: number[] = [];
  for (let index = 0; index < calls; index += 1) samples.push(await call());
  return latencySummary(samples);
}

async function issueManagerToken(baseUrl: string, admin: string, storeId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench manager', role: 'manager', storeIds: [storeId] }),
  });
  if (!response.ok) throw new Error(`issuing a manager token answered HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

type BenchResult = { endpoint: string; caller: string; error?: string } & LatencySummary;

function report(results: BenchResult[], size: { answers: number; customers: number }, calls: number): string {
  const width = Math.max(...results.map((result) => result.endpoint.split('?')[0]!.length + 18));
  const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(8);
  const lines = [
    '',
    `  Dashboard endpoints: ${size.answers.toLocaleString('en')} answers, ${size.customers.toLocaleString('en')} customers, ${calls} calls each (${machine().cpus} cores)`,
    `    ${'endpoint'.padEnd(width)}${'caller'.padEnd(22)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}  target p95 ≤ ${TARGET_P95_MS} ms`,
    ...results.map(
      (result) =>
        `    ${shortName(result.endpoint).padEnd(width)}${result.caller.padEnd(22)}${
          result.error
            ? `  failed: ${result.error}`
            : `${ms(result.p50)}${ms(result.p95)}${ms(result.max)}  ${result.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`
        }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The path and the one query parameter that tells the calls of one path apart. */
function shortName(endpoint: string): string {
  const [path, query = ''] = endpoint.split('?');
  const groupBy = /groupBy=(\w+)/.exec(query)?.[1];
  const between = /from=\d{4}-\d{2}-\d{2}T/.test(decodeURIComponent(query)) ? ', instants' : '';
  return groupBy ? `${path} (${groupBy}${between})` : path!;
}
