import type { LadderConfig } from '#config';
import { createTestEnvironment, createTopics, dropDatabase, freePort, type TestEnvironment } from '#testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LadderProcess, RUNS_OTHER_BUILD, runLadder, type LadderCommand } from './ladder-process.js';

const DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'fault-directory.yaml');

/**
 * What every fault test runs Ladder with: the suite's directory, six partitions, and the reconciler every
 * 2 s instead of every minute, so what Redis lost is put back within the test's deadline.
 */
const FAULT_SETTINGS: Record<string, string> = {
  KAFKA_TOPIC_PARTITIONS: '6',
  LADDER_DIRECTORY: DIRECTORY,
  LADDER_RECONCILE_EVERY: '2s',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'json',
};

export interface LadderUrls {
  /** Where its health and metrics are: the API port, or a worker's LADDER_WORKER_PORT. */
  health: string;
}

export interface SpawnedLadder extends LadderUrls {
  process: LadderProcess;
}

/**
 * One fault test's own Ladder namespace (database, topics, consumer group, queue prefix, API port) on the
 * real local stack, and the Ladder processes it runs there, each logging to a file under `logDir`.
 */
export class FaultEnvironment {
  readonly processes: LadderProcess[] = [];

  private constructor(
    private readonly test: TestEnvironment,
    readonly logDir: string,
  ) {}

  static async create(label: string, overrides: Record<string, string> = {}): Promise<FaultEnvironment> {
    const test = await createTestEnvironment(label, { ...FAULT_SETTINGS, ...overrides });
    const logDir = mkdtempSync(join(tmpdir(), `ladder-faults-${test.name}-`));
    const environment = new FaultEnvironment(test, logDir);
    if (RUNS_OTHER_BUILD) {
      // The template was migrated by this checkout; an older build migrates its own database.
      await dropDatabase(test.config.databaseUrl);
      await runLadder('migrate', test.env, join(logDir, 'migrate.log'));
    }
    await createTopics(test.config);
    return environment;
  }

  get name(): string {
    return this.test.name;
  }

  get config(): LadderConfig {
    return this.test.config;
  }

  get env(): Record<string, string> {
    return this.test.env;
  }

  get apiUrl(): string {
    return this.test.config.publicUrl;
  }

  /** A Ladder process of this namespace; `worker` processes get their own LADDER_WORKER_PORT. */
  async spawn(
    name: string,
    command: Exclude<LadderCommand, 'migrate'>,
    extraEnv: Record<string, string> = {},
  ): Promise<SpawnedLadder> {
    const env = { ...this.test.env, ...extraEnv };
    if (command === 'worker') env.LADDER_WORKER_PORT ??= String(await freePort());
    const ladder = new LadderProcess(name, command, env, join(this.logDir, `${name}.log`));
    this.processes.push(ladder);
    const port = command === 'worker' ? env.LADDER_WORKER_PORT : env.PORT;
    return { process: ladder, health: `http://127.0.0.1:${port}/health` };
  }

  /** Every process's last log lines, for a failure's message. */
  logTails(lines = 40): string {
    return this.processes
      .map((ladder) => `----- ${ladder.name} (${ladder.logFile}) -----\n${ladder.logTail(lines)}`)
      .join('\n');
  }

  /** Stops every process, then removes the namespace (database, topics, group, queues). */
  async cleanup(): Promise<void> {
    await Promise.all(this.processes.map((ladder) => ladder.stop()));
    await this.test.cleanup();
  }
}
