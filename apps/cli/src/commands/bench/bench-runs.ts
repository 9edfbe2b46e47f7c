import { loadConfig, type LadderConfig } from '#config';
import { INPUT_TOPICS } from '#contracts';
import { ensureDatabase, runMigrations } from '#persistence';
import { benchLoad, type SimulatedStore } from '#simulation';
import { dropDatabase, removeQueues, topicMessageCount } from '#testing';
import { probeRun, rawRebuildRun } from './baselines.js';
import type { LatencyRun, Span } from './bench-figures.js';
import { factCount, latencySamples } from './run-database.js';
import { producePaced } from './paced-producer.js';
import { spanOf, watchPipeline } from './pipeline-watch.js';
import type { SmtpSink } from './smtp-sink.js';
import { LadderProcess, MemorySampler } from './worker-process.js';

// The phases of `ladder bench` after the all-roles run: latency, soak, rebuild, scoring alone, N workers.

export const SEED = 20261204;

/** A paced load at `rate` for `seconds` into the running worker, then its latencies and the raw probe's. */
export async function latencyRun(
  config: LadderConfig,
  worker: LadderProcess,
  sink: SmtpSink,
  stores: SimulatedStore[],
  rate: number,
  seconds: number,
  customers: number,
): Promise<LatencyRun> {
  process.stdout.write(`Latency at ${rate} events/s for ${seconds} s…\n`);
  const probeMs = await probeRun(config, rate, seconds);
  const tag = `paced${rate}`;
  const messages = benchLoad({
    seed: SEED + rate,
    events: rate * seconds,
    customers,
    stores,
    firstAt: new Date(),
    intervalMs: 1000 / rate,
    tag,
  });
  await producePaced(config, messages, rate, `Paced ${rate}/s`);
  await watchPipeline(config, 0, {
    scoringOnly: false,
    timeoutMs: 3_600_000,
    label: `Paced ${rate}/s`,
    from: Date.now(),
    failIf: () => worker.failIfExited(),
  });
  const { caseMs, alertMs } = await latencySamples(config.databaseUrl, tag, sink.accepted);
  return { rate, caseMs, alertMs, probeMs };
}

/** The half-rate load for `--soak-minutes`, the worker's memory at its start, end and peak. */
export async function soakRun(
  config: LadderConfig,
  worker: LadderProcess,
  stores: SimulatedStore[],
  sustained: number,
  options: { soakMinutes: number; customers: number },
) {
  const rate = Math.max(1, Math.round(sustained / 2));
  const messages = benchLoad({
    seed: SEED - 1,
    events: rate * options.soakMinutes * 60,
    customers: options.customers,
    stores,
    firstAt: new Date(),
    intervalMs: 1000 / rate,
    tag: 'soak',
  });
  const startMb = worker.residentMb() ?? 0;
  const sampler = new MemorySampler(worker.pid, 1_000);
  await producePaced(config, messages, rate, 'Soak');
  await watchPipeline(config, 0, {
    scoringOnly: false,
    timeoutMs: 3_600_000,
    label: 'Soak',
    from: Date.now(),
  });
  const { peakMb, lastMb } = sampler.stop();
  return { minutes: options.soakMinutes, startMb, endMb: lastMb, peakMb };
}

/** `ladder rebuild` on the all-roles run's facts, and the raw copy of the same rows. */
export async function rebuildRun(env: NodeJS.ProcessEnv, config: LadderConfig, logFile: string) {
  process.stdout.write('Rebuild…\n');
  const facts = await factCount(config.databaseUrl);
  const started = Date.now();
  const rebuild = LadderProcess.spawn(['rebuild'], env, logFile);
  const status = await rebuild.exited();
  if (status !== 0) throw new Error(`ladder rebuild exited with status ${status}; see ${logFile}`);
  const ladder: Span = { count: facts, ms: Date.now() - started };
  return { ladder, raw: await rawRebuildRun(config.databaseUrl) };
}

/**
 * A database and a queue prefix of their own, with the input topics of the main run: another consumer
 * group reads the same messages from the start.
 */
async function freshStore(env: NodeJS.ProcessEnv, suffix: string, roles: string): Promise<NodeJS.ProcessEnv> {
  const namespace = `${env.KAFKA_TOPIC_PREFIX}-${suffix}`;
  const own = {
    ...env,
    DATABASE_URL: env.DATABASE_URL!.replace(/\/[^/]+$/, `/${namespace.replaceAll('-', '_')}`),
    KAFKA_CONSUMER_GROUP: `${namespace}.scoring-${Date.now()}`,
    LADDER_QUEUE_PREFIX: namespace,
    LADDER_ROLES: roles,
  };
  const config = loadConfig(own, { runWorker: true });
  await dropDatabase(config.databaseUrl);
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  await removeQueues(config);
  return own;
}

/** Every message the input topics hold: what a new consumer group reads from the start. */
async function inputMessages(config: LadderConfig): Promise<number> {
  const counts = await Promise.all(INPUT_TOPICS.map((topic) => topicMessageCount(config, topic)));
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * `processes` workers with `roles`, on a database and queues of their own and a new consumer group, reading
 * every input message from the start: the messages committed per second.
 */
async function committedRun(
  env: NodeJS.ProcessEnv,
  logFile: string,
  run: { suffix: string; roles: string; processes: number; firstPort: number; label: string },
): Promise<{ span: Span; messages: number }> {
  const own = await freshStore(env, run.suffix, run.roles);
  const config = loadConfig(own, { runWorker: true });
  const expected = await inputMessages(config);
  const spawned = Date.now();
  const workers = await Promise.all(
    Array.from({ length: run.processes }, (_, index) =>
      LadderProcess.worker(own, run.firstPort + index, logFile),
    ),
  );
  try {
    const times = await watchPipeline(config, expected, {
      scoringOnly: true,
      timeoutMs: 3_600_000,
      label: run.label,
      from: spawned,
      failIf: () => workers.forEach((worker) => worker.failIfExited()),
    });
    return { span: spanOf(times, expected, times.committedAt), messages: expected };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Scoring alone over every input message again; `messages` is how many the topics held. */
export function scoringAloneRun(
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ span: Span; messages: number }> {
  return committedRun(env, logFile, {
    suffix: 'scoring',
    roles: 'scoring',
    processes: 1,
    firstPort: 3192,
    label: 'Scoring alone',
  });
}

/** N workers with every role on one consumer group, over every input message. */
export async function workersRun(env: NodeJS.ProcessEnv, options: { workers: number }, logFile: string) {
  const { span } = await committedRun(env, logFile, {
    suffix: 'workers',
    roles: 'all',
    processes: options.workers,
    firstPort: 3193,
    label: `${options.workers} workers`,
  });
  return { processes: options.workers, committed: span };
}
