import { loadConfig, type LadderConfig } from '#config';
import { createKafka } from '#messaging';
import { ensureDatabase, runMigrations } from '#persistence';
import { benchLoad, type SimulatedStore } from '#simulation';
import { dropDatabase, removeQueues } from '#testing';
import { ProgressBar } from '../../progress-bar.js';
import { probeRun, rawRebuildRun } from './baselines.js';
import type { LatencyRun, Span } from './bench-figures.js';
import { factCount, latencySamples } from './latency-samples.js';
import { inputProducer, paced, sendInputs } from './paced-producer.js';
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
  const producer = await inputProducer(createKafka(config, '-bench-paced'));
  const bar = new ProgressBar(`Paced ${rate}/s`, messages.length);
  try {
    await paced(
      messages,
      rate,
      (due) => sendInputs(producer, config.kafka.topicPrefix, due),
      (sent) => bar.update(sent),
    );
    bar.finish();
  } finally {
    await producer.disconnect();
  }
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
  const producer = await inputProducer(createKafka(config, '-bench-soak'));
  const bar = new ProgressBar('Soak', messages.length);
  try {
    await paced(
      messages,
      rate,
      (due) => sendInputs(producer, config.kafka.topicPrefix, due),
      (sent) => bar.update(sent),
    );
    bar.finish();
  } finally {
    await producer.disconnect();
  }
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

async function inputMessages(config: LadderConfig): Promise<number> {
  const admin = createKafka(config, '-bench-count').admin();
  await admin.connect();
  try {
    let total = 0;
    for (const topic of ['purchases', 'surveys', 'leads'])
      for (const offset of await admin.fetchTopicOffsets(`${config.kafka.topicPrefix}.${topic}.v1`))
        total += Number(offset.high) - Number(offset.low);
    return total;
  } finally {
    await admin.disconnect();
  }
}

/** Scoring alone over every input message again; `messages` is how many the topics held. */
export async function scoringAloneRun(
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ span: Span; messages: number }> {
  const own = await freshStore(env, 'scoring', 'scoring');
  const config = loadConfig(own, { runWorker: true });
  const expected = await inputMessages(config);
  const spawned = Date.now();
  const worker = await LadderProcess.worker(own, 3192, logFile);
  try {
    const times = await watchPipeline(config, expected, {
      scoringOnly: true,
      timeoutMs: 3_600_000,
      label: 'Scoring alone',
      from: spawned,
      failIf: () => worker.failIfExited(),
    });
    return { span: spanOf(times, expected, times.committedAt), messages: expected };
  } finally {
    await worker.stop();
  }
}

export async function workersRun(env: NodeJS.ProcessEnv, options: { workers: number }, logFile: string) {
  const own = await freshStore(env, 'workers', 'all');
  const config = loadConfig(own, { runWorker: true });
  const expected = await inputMessages(config);
  const spawned = Date.now();
  const workers = await Promise.all(
    Array.from({ length: options.workers }, (_, index) => LadderProcess.worker(own, 3193 + index, logFile)),
  );
  try {
    const times = await watchPipeline(config, expected, {
      scoringOnly: true,
      timeoutMs: 3_600_000,
      label: `${options.workers} workers`,
      from: spawned,
      failIf: () => workers.forEach((worker) => worker.failIfExited()),
    });
    return { processes: options.workers, committed: spanOf(times, expected, times.committedAt) };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}
