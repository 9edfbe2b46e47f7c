import { callApi } from '#testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { EndStateProbe, expectedNps, problemsOf, type Measurement } from './end-state.js';
import { FaultEnvironment, type SpawnedLadder } from './fault-environment.js';
import { buildLoad, STANDARD_LOAD, type LoadMessage, type LoadShape, type Oracle } from './load.js';
import { LoadProducer, sleep, type PacedSend } from './load-producer.js';
import { recordResult } from './results.js';

/** What a fault gets to work with while the load runs. */
export interface FaultContext {
  environment: FaultEnvironment;
  api: SpawnedLadder;
  workers: SpawnedLadder[];
  producer: LoadProducer;
  probe: EndStateProbe;
  oracle: Oracle;
  /** Events of the oracle counted so far (0 while PostgreSQL is away). */
  counted(): Promise<number>;
  /** Waits until `fraction` of the oracle's events are counted. */
  untilCounted(fraction: number, timeoutMs?: number): Promise<void>;
  /** Kills a worker with SIGKILL while one of its transactions is open (a batch half written). */
  killMidBatch(worker: SpawnedLadder): Promise<void>;
  /** Starts a stopped Ladder process again and waits until it is ready. */
  restart(ladder: SpawnedLadder): Promise<void>;
  /** Says that the fault is over (the service is back): the time to recover counts from here. */
  recovered(): void;
  /** A line for the table's notes. */
  note(text: string): void;
  /** A way the end state breaks the promise that only this fault can see; the test fails with it. */
  fail(problem: string): void;
}

export interface FaultSpec {
  /** The fault, as the table names it. */
  fault: string;
  /** Extra settings of every Ladder process. */
  env?: Record<string, string>;
  load?: LoadShape;
  /**
   * Messages beyond the standard load (poison), with what they add to the oracle, and how they mix into it
   * (default: after it).
   */
  extra?: (oracle: Oracle) => LoadMessage[];
  mix?: (load: LoadMessage[], extra: LoadMessage[]) => LoadMessage[];
  pace?: PacedSend;
  /** `ladder worker` processes on the one consumer group (beside one `ladder api`). */
  workers?: number;
  /** Runs beside the load; returns when the fault is over and every service is back. */
  inject(context: FaultContext): Promise<void>;
  /** Checks of this fault's own, once the end state holds (or the deadline passed): problems found. */
  verify?(context: FaultContext): Promise<string[]>;
  /** The workers that must still be alive at the end (default: all). */
  survivors?(workers: SpawnedLadder[]): SpawnedLadder[];
  /** From the end of the fault until the end state must hold. */
  deadlineMs?: number;
}

const DEFAULT_PACE: PacedSend = { ratePerSecond: 800 };

/**
 * Runs Ladder as separate processes against the real stack, sends the load, injects the fault beside it,
 * waits for the promised end state, records the table row, and fails with every problem and the processes'
 * logs when the end state does not hold.
 */
export async function runFault(spec: FaultSpec): Promise<Measurement> {
  const label = spec.fault.replace(/[^a-z0-9]+/gi, '-').slice(0, 20);
  const environment = await FaultEnvironment.create(label, spec.env);
  const { messages, oracle } = buildLoad(spec.load ?? STANDARD_LOAD);
  const extra = spec.extra?.(oracle) ?? [];
  const notes: string[] = [];
  const ownProblems: string[] = [];
  let producer: LoadProducer | null = null;
  const probe = new EndStateProbe(environment.config, oracle);
  const started = Date.now();
  try {
    const api = await environment.spawn('api', 'api');
    const workers: SpawnedLadder[] = [];
    for (let index = 1; index <= (spec.workers ?? 1); index += 1) {
      workers.push(await environment.spawn(`worker-${index}`, 'worker'));
    }
    for (const ladder of [api, ...workers]) ladder.process.start();
    await Promise.all(
      [api, ...workers].map((ladder) => ladder.process.waitHealthy(`${ladder.health}/ready`)),
    );

    producer = await LoadProducer.open(environment.config);
    let recoveredAt: number | null = null;
    const context: FaultContext = {
      environment,
      api,
      workers,
      producer,
      probe,
      oracle,
      counted: () => countedEvents(environment, [...oracle.accepted.keys()]),
      untilCounted: async (fraction, timeoutMs = 300_000) => {
        const target = Math.floor(oracle.accepted.size * fraction);
        const deadline = Date.now() + timeoutMs;
        while ((await context.counted()) < target) {
          if (Date.now() > deadline)
            throw new Error(`fewer than ${target} events counted in ${timeoutMs} ms`);
          await sleep(100);
        }
      },
      killMidBatch: (worker) => killMidBatch(environment, worker),
      restart: async (ladder) => {
        ladder.process.start();
        await ladder.process.waitHealthy(`${ladder.health}/ready`);
      },
      recovered: () => {
        recoveredAt = Date.now();
      },
      note: (text) => notes.push(text),
      fail: (problem) => ownProblems.push(problem),
    };
    const pace = spec.pace ?? DEFAULT_PACE;
    const load = producer.send(spec.mix?.(messages, extra) ?? [...messages, ...extra], pace);
    const fault = spec.inject(context);
    // Both run to the end: a failed fault still waits for the load (and its finally for the service).
    const [loadResult, faultResult] = await Promise.allSettled([load, fault]);
    if (loadResult.status === 'rejected') throw loadResult.reason;
    if (faultResult.status === 'rejected') throw faultResult.reason;
    recoveredAt ??= Date.now();

    const { measurement, completeAt } = await probe.waitForEndState(spec.deadlineMs ?? 300_000);
    const problems = problemsOf(measurement, oracle);
    const survivors = spec.survivors?.(workers) ?? workers;
    for (const worker of survivors) {
      if (!worker.process.alive) problems.push(`${worker.process.name} is not running at the end`);
    }
    problems.push(...(await npsThroughApi(environment, oracle)));
    problems.push(...ownProblems, ...((await spec.verify?.(context)) ?? []));
    const passed = problems.length === 0;
    if (completeAt === null) {
      notes.push(
        `end state not reached (deadline ${(spec.deadlineMs ?? 300_000) / 1000} s, or 90 s stalled)`,
      );
    }
    if (producer.retries > 0) notes.push(`${producer.retries} producer chunks sent again`);
    recordResult({
      fault: spec.fault,
      eventsSent: messages.length + extra.length,
      eventsAccepted: oracle.accepted.size,
      eventsCounted: measurement.counted,
      deadLetters: measurement.deadLetters,
      casesExpected: oracle.detractorPairs.size,
      casesOpened: measurement.casesOpened,
      alertsExpected: oracle.detractorPairs.size,
      alertsSent: measurement.alertsCaughtDistinct,
      duplicates: measurement.duplicateEmails + measurement.casesDoubled,
      recoverySeconds: completeAt === null ? null : Math.max(0, (completeAt - recoveredAt) / 1000),
      totalSeconds: (Date.now() - started) / 1000,
      passed,
      problems,
      notes,
      logDir: environment.logDir,
    });
    if (!passed) {
      throw new Error(
        `${spec.fault}: the end state does not hold:\n  ${problems.join('\n  ')}\n` +
          `reading: ${JSON.stringify(measurement)}\n${await leftovers(environment)}\n` +
          `logs in ${environment.logDir}\n${environment.logTails()}`,
      );
    }
    return measurement;
  } catch (error) {
    if (error instanceof Error && !error.message.includes('logs in ')) {
      error.message += `\nlogs in ${environment.logDir}\n${environment.logTails()}`;
    }
    throw error;
  } finally {
    await producer?.close();
    await probe.close();
    await environment.cleanup();
  }
}

async function countedEvents(environment: FaultEnvironment, eventIds: string[]): Promise<number> {
  const client = new pg.Client({
    connectionString: environment.config.databaseUrl,
    application_name: 'ladder-fault-probe',
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ counted: number }>(
      'SELECT count(*)::int AS counted FROM processed_events WHERE event_id = ANY($1::text[])',
      [eventIds],
    );
    return rows[0]!.counted;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * SIGKILL while a scoring transaction is open (one that claims event ids in processed_events), so a batch
 * is cut in the middle; if none is seen within 5 s, at once.
 */
async function killMidBatch(environment: FaultEnvironment, worker: SpawnedLadder): Promise<void> {
  const client = new pg.Client({
    connectionString: environment.config.databaseUrl,
    application_name: 'ladder-fault-probe',
  });
  await client.connect();
  try {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'ladder-worker%'
            AND xact_start IS NOT NULL AND state <> 'idle' AND query ILIKE '%processed_events%'`,
      );
      if (rows[0]!.open > 0) break;
      await sleep(10);
    }
    await worker.process.kill();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What is left undone, row by row, for a failure's message (and written beside the logs). */
async function leftovers(environment: FaultEnvironment): Promise<string> {
  const client = new pg.Client({ connectionString: environment.config.databaseUrl });
  try {
    await client.connect();
    const notifications = await client.query(
      `SELECT id, kind, status, attempts, last_error, lease_until, updated_at FROM notifications
        WHERE status <> 'sent' ORDER BY updated_at LIMIT 20`,
    );
    const outbox = await client.query(`SELECT * FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 10`);
    const text =
      `unsent notifications: ${JSON.stringify(notifications.rows, null, 1)}\n` +
      `unpublished outbox rows: ${JSON.stringify(outbox.rows).slice(0, 4000)}`;
    writeFileSync(join(environment.logDir, 'leftovers.txt'), `${text}\n`);
    return text;
  } catch (error) {
    return `(could not read what is left: ${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The NPS the API serves per store, against the oracle. */
async function npsThroughApi(environment: FaultEnvironment, oracle: Oracle): Promise<string[]> {
  const response = await callApi<{
    rows: Array<{ key: string; promoters: number; passives: number; detractors: number }>;
  }>(environment.apiUrl, '/api/nps?groupBy=store');
  if (response.status !== 200) return [`GET /api/nps answered ${response.status}`];
  const problems: string[] = [];
  for (const [store, counts] of Object.entries(expectedNps(oracle))) {
    const row = response.body.rows.find((candidate) => candidate.key === store);
    const served = row
      ? { promoters: row.promoters, passives: row.passives, detractors: row.detractors }
      : { promoters: 0, passives: 0, detractors: 0 };
    if (JSON.stringify(served) !== JSON.stringify(counts)) {
      problems.push(`GET /api/nps serves ${store} ${JSON.stringify(served)}, sent ${JSON.stringify(counts)}`);
    }
  }
  return problems;
}
