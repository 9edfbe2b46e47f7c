import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The checkout whose build (`dist/`) the fault suite runs as Ladder: this repository, or another one named
 * by LADDER_FAULTS_ROOT (a worktree of an older commit, to see which faults it fails).
 */
export const LADDER_ROOT = resolve(process.env.LADDER_FAULTS_ROOT ?? REPOSITORY);
export const RUNS_OTHER_BUILD = LADDER_ROOT !== REPOSITORY;

export type LadderCommand = 'worker' | 'api' | 'start' | 'migrate';

/** Runs one `ladder` command of LADDER_ROOT's build to completion (e.g. `migrate`); throws with its output. */
export async function runLadder(command: LadderCommand, env: Record<string, string>, logFile: string) {
  const ladder = new LadderProcess(command, command, env, logFile);
  ladder.start();
  const code = await ladder.exited();
  if (code !== 0) throw new Error(`ladder ${command} exited with ${code}:\n${ladder.logTail(40)}`);
}

/**
 * One Ladder process, started the way an operator starts it (`node dist/apps/cli/src/main.js worker`), with
 * only its environment, and its output appended to a log file that survives its restarts.
 */
export class LadderProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> = Promise.resolve(null);
  /** How often it was started, and how it ended each time. */
  starts = 0;
  readonly exits: Array<{ code: number | null; signal: string | null; at: number }> = [];

  constructor(
    readonly name: string,
    readonly command: LadderCommand,
    readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  start(): void {
    if (this.alive) throw new Error(`${this.name} is already running`);
    const cli = join(LADDER_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run -s build\` in ${LADDER_ROOT}`);
    this.starts += 1;
    const log = openSync(this.logFile, 'a');
    writeSync(log, `\n===== ${this.name}: start #${this.starts} at ${new Date().toISOString()} =====\n`);
    try {
      const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', cli, this.command], {
        cwd: LADDER_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
        stdio: ['ignore', log, log],
      });
      this.child = child;
      this.exit = new Promise((resolveExit) => {
        child.once('exit', (code, signal) => {
          this.exits.push({ code, signal, at: Date.now() });
          if (this.child === child) this.child = null;
          resolveExit(code);
        });
        child.once('error', () => resolveExit(null));
      });
      RUNNING.add(this);
    } finally {
      closeSync(log);
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  exited(): Promise<number | null> {
    return this.exit;
  }

  /** Kills the process at once (SIGKILL: no shutdown hook runs) and waits until it is gone. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child?.kill('SIGKILL');
    await this.exit;
  }

  /** Stops it as an operator would (SIGTERM), killing it when it does not finish in time. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.alive) return;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
    RUNNING.delete(this);
  }

  /** Waits until `url` answers 200 (its health), failing early when the process exits meanwhile. */
  async waitHealthy(url: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited while starting:\n${this.logTail(40)}`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) return;
        last = `${response.status} ${(await response.text()).slice(0, 500)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 250));
    }
    throw new Error(`${this.name} was not healthy at ${url} within ${timeoutMs} ms (${last})`);
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  logTail(lines = 60): string {
    return this.log().split('\n').slice(-lines).join('\n');
  }
}

/** Every process the suite started, so none outlives the test run, whatever happens. */
const RUNNING = new Set<LadderProcess>();
process.once('exit', () => {
  for (const ladder of RUNNING) if (ladder.alive && ladder.pid) process.kill(ladder.pid, 'SIGKILL');
});
