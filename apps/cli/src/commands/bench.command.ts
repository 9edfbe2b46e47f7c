import { loadConfig } from '#config';
import { parseDirectory } from '#directory';
import { projectRoot, stackUp } from '#local-stack';
import { createKafka } from '#messaging';
import { ensureDatabase, runMigrations } from '#persistence';
import { benchLoad, produceMessages, simulatedStores } from '#simulation';
import { createTopics, removeNamespace } from '#testing';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProgressBar } from '../progress-bar.js';
import { machine, writeBenchFigures } from './bench/bench-files.js';
import { newestProfile, profileText, summariseProfile } from './bench/cpu-profile.js';
import { nodeIdleMb, rawConsumerRun, rawInsertRun } from './bench/baselines.js';
import { benchFigures, benchTable, type BenchMeasurements, type LatencyRun } from './bench/bench-figures.js';
import { effectCounts } from './bench/run-database.js';
import { latencyRun, rebuildRun, scoringAloneRun, SEED, soakRun, workersRun } from './bench/bench-runs.js';
import { spanOf, watchPipeline } from './bench/pipeline-watch.js';
import { ServiceCpuSampler } from './bench/service-cpu.js';
import { SmtpSink } from './bench/smtp-sink.js';
import { whereTimeGoes, whereTimeGoesText } from './bench/where-time-goes.js';
import { LadderProcess, MemorySampler } from './bench/worker-process.js';
import { demoEnvironment } from './demo/demo-environment.js';

interface BenchOptions {
  events: number;
  customers: number;
  latencySeconds: number;
  /** Producing rates for the latency runs; 0 stands for half the sustained rate measured first. */
  rates: number[];
  soakMinutes: number;
  workers: number;
  rebuild: boolean;
  /** Profile the all-roles worker (`node --cpu-prof`) and print the top of the profile. */
  profile: boolean;
  /** The workers' V8 old-space limit (`--max-old-space-size`), as a deployment sizes it for its container. */
  heapMb: number | null;
  namespace: string;
  json: string | null;
}

/**
 * `ladder bench`: the closed loop's throughput, latency and memory on the local stack, each beside a raw
 * baseline measured in the same run (docs/performance.md): a seeded load is produced, then measured with
 * plain kafkajs and PostgreSQL, then with one worker running every role, then with scoring alone. The SMTP
 * end is a minimal sink (smtp-server), so the mail catcher is not what is measured. Prints the table and
 * writes it as JSON under .ladder/bench/ (and to --json).
 */
export async function benchCommand(args: string[]): Promise<void> {
  const options = benchOptions(args);
  const directoryFile = join(projectRoot(), 'deploy', 'demo', 'directory.yaml');
  const stores = simulatedStores(
    parseDirectory(readFileSync(directoryFile, 'utf8'), directoryFile),
    SEED,
    false,
  );
  await stackUp();
  const sink = new SmtpSink();
  const smtpPort = await sink.listen();
  const logDirectory = join(projectRoot(), '.ladder', 'logs');
  mkdirSync(logDirectory, { recursive: true });
  const logFile = join(logDirectory, `${options.namespace}.log`);
  writeFileSync(logFile, '');
  const env: NodeJS.ProcessEnv = {
    ...demoEnvironment(options.namespace, '3190', directoryFile),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ...(options.heapMb ? { NODE_OPTIONS: `--max-old-space-size=${options.heapMb}` } : {}),
  };
  const config = loadConfig(env, { runWorker: true });
  const started = Date.now();
  try {
    await removeNamespace(config);
    await ensureDatabase(config.databaseUrl);
    await runMigrations(config.databaseUrl);
    await createTopics(config);

    const load = benchLoad({
      seed: SEED,
      events: options.events,
      customers: options.customers,
      stores,
      // A steady stream that ended a moment ago: recent enough for every rule, old enough to be history.
      firstAt: new Date(Date.now() - options.events * 20 - 60_000),
      intervalMs: 20,
      tag: 'load',
    });

    // Idle first, before there is anything to consume.
    const idle = await LadderProcess.worker(env, 3191, logFile);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idleMb = idle.residentMb() ?? 0;
    await idle.stop();
    const nodeIdle = await nodeIdleMb();

    const producing = new ProgressBar('Producing', load.length);
    await produceMessages(
      createKafka(config, '-bench-producer'),
      config.kafka.topicPrefix,
      load,
      (produced) => producing.update(produced),
    );
    producing.finish();
    process.stdout.write('Raw baselines…\n');
    const rawConsumer = await rawConsumerRun(
      config,
      `${options.namespace}.bench-raw-${Date.now()}`,
      load.length,
    );
    const rawInsert = await rawInsertRun(config.databaseUrl, load, 1_000);

    // Every role in one worker, from the first offset: committed, then every effect done.
    const profiles = join(projectRoot(), '.ladder', 'profiles', `bench-${Date.now()}`);
    const profiling = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [];
    // Should no check catch the run part-way (a small one), its clock starts when the worker was started.
    const spawned = Date.now();
    const cpu = new ServiceCpuSampler();
    const worker = await LadderProcess.worker(env, 3191, logFile, profiling);
    const memory = new MemorySampler(worker.pid);
    cpu.watchWorker(worker.pid);
    const times = await watchPipeline(config, load.length, {
      scoringOnly: false,
      timeoutMs: 3_600_000,
      label: 'All roles',
      from: spawned,
      failIf: () => worker.failIfExited(),
    });
    cpu.stop();
    const where = await whereTimeGoes(config.databaseUrl, times, sink.accepted, cpu);
    const counts = await effectCounts(config.databaseUrl);
    const doneMs = times.doneAt - times.startedAt;
    const allRoles = {
      committed: spanOf(times, load.length, times.committedAt),
      done: spanOf(times, load.length, times.doneAt),
      cases: { count: counts.cases, ms: doneMs },
      alerts: { count: sink.count('case-alert'), ms: doneMs },
      invitations: { count: counts.invitations, ms: doneMs },
    };

    const sustained = (allRoles.committed.count * 1000) / allRoles.committed.ms;
    const latency: LatencyRun[] = [];
    for (const asked of options.rates) {
      const rate = asked > 0 ? asked : Math.max(1, Math.round(sustained / 2));
      latency.push(
        await latencyRun(config, worker, sink, stores, rate, options.latencySeconds, options.customers),
      );
    }
    const soak = options.soakMinutes > 0 ? await soakRun(config, worker, stores, sustained, options) : null;
    const { peakMb } = memory.stop();
    await worker.stop();
    const profile = options.profile ? summariseProfile(newestProfile(profiles), projectRoot()) : null;

    const rebuild = options.rebuild ? await rebuildRun(env, config, logFile) : null;
    const scoring = await scoringAloneRun(env, logFile);
    const workers = options.workers > 1 ? await workersRun(env, options, logFile) : null;

    const measured: BenchMeasurements = {
      events: load.length,
      allRoles,
      inputMessages: scoring.messages,
      rawConsumer,
      scoring: scoring.span,
      rawInsert,
      latency,
      memory: { idleMb, peakMb, nodeIdleMb: nodeIdle, soak },
      rebuild,
      workers,
    };
    const figures = benchFigures(measured);
    process.stdout.write(
      `\n  Ladder bench: ${load.length.toLocaleString('en')} events, ${options.customers.toLocaleString('en')} customers, ` +
        `${stores.length} stores, 6 partitions, one worker (${machine().cpus} cores, ${machine().memoryGiB} GiB; ` +
        `SMTP: a minimal sink${options.heapMb ? `; worker heap ${options.heapMb} MB` : ''}) in ${Math.round((Date.now() - started) / 1000)} s\n\n${benchTable(figures)}`,
    );
    process.stdout.write(`\n${whereTimeGoesText(where, machine().cpus)}`);
    if (profile) process.stdout.write(`\n${profileText(profile)}\n`);
    const report = {
      at: new Date().toISOString(),
      machine: machine(),
      options,
      measured,
      figures,
      whereTimeGoes: where,
      profile,
    };
    const file = writeBenchFigures('bench', report);
    if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2));
    process.stdout.write(`\n  figures written to ${file}\n`);
  } finally {
    await LadderProcess.stopAll();
    await sink.close();
  }
}

function benchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '100000' },
      customers: { type: 'string', default: '20000' },
      'latency-seconds': { type: 'string', default: '30' },
      rates: { type: 'string', default: 'half,100' },
      'soak-minutes': { type: 'string', default: '0' },
      workers: { type: 'string', default: '1' },
      'no-rebuild': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'heap-mb': { type: 'string' },
      namespace: { type: 'string', default: 'ladder-bench' },
      json: { type: 'string' },
    },
    strict: true,
  });
  const whole = (name: string, value: string, min: number) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min)
      throw new Error(`--${name} must be a whole number of at least ${min}`);
    return number;
  };
  return {
    events: whole('events', values.events, 100),
    customers: whole('customers', values.customers, 1),
    latencySeconds: whole('latency-seconds', values['latency-seconds'], 1),
    rates: values.rates
      .split(',')
      .map((rate) => (rate.trim() === 'half' ? 0 : whole('rates', rate.trim(), 1))),
    soakMinutes: whole('soak-minutes', values['soak-minutes'], 0),
    workers: whole('workers', values.workers, 1),
    rebuild: !values['no-rebuild'],
    profile: values.profile,
    heapMb: values['heap-mb'] === undefined ? null : whole('heap-mb', values['heap-mb'], 64),
    namespace: values.namespace,
    json: values.json ?? null,
  };
}
