import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../main.js', import.meta.url));

/** Resident memory of a process in MB, from /proc (Linux); null once it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** A `ladder` child process (`worker`, `rebuild`…) the benchmark runs and watches, its output in a log file. */
export class LadderProcess {
  /** Every process started and not yet stopped: a run that fails part-way stops them all (stopAll). */
  private static readonly running = new Set<LadderProcess>();

  static async stopAll(): Promise<void> {
    await Promise.all([...LadderProcess.running].map((process) => process.stop()));
  }

  private constructor(
    readonly child: ChildProcess,
    private readonly logFile: string,
    private readonly port: number | null,
  ) {}

  /** `ladder worker` on `port` with `env`; resolves once its /health/ready answers 200. */
  static async worker(
    env: NodeJS.ProcessEnv,
    port: number,
    logFile: string,
    nodeArgs: string[] = [],
  ): Promise<LadderProcess> {
    const worker = LadderProcess.spawn(
      ['worker'],
      { ...env, LADDER_WORKER_PORT: String(port) },
      logFile,
      port,
      nodeArgs,
    );
    const deadline = Date.now() + 120_000;
    // Polled often: the throughput runs start their clocks when the worker is ready.
    for (;;) {
      worker.failIfExited();
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      }).catch(() => null);
      if (response?.ok) break;
      if (Date.now() > deadline) throw new Error(`the worker was not ready within 120 s; see ${logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return worker;
  }

  static spawn(
    args: string[],
    env: NodeJS.ProcessEnv,
    logFile: string,
    port: number | null = null,
    nodeArgs: string[] = [],
  ): LadderProcess {
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, [...process.execArgv, ...nodeArgs, MAIN, ...args], {
      env,
      stdio: ['ignore', log, log],
    });
    const started = new LadderProcess(child, logFile, port);
    LadderProcess.running.add(started);
    child.once('exit', () => LadderProcess.running.delete(started));
    return started;
  }

  get pid(): number {
    return this.child.pid!;
  }

  residentMb(): number | null {
    return residentMb(this.pid);
  }

  failIfExited(): void {
    if (this.child.exitCode === null) return;
    const tail = readFileSync(this.logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(
      `ladder ${this.port === null ? '' : 'worker '}exited with status ${this.child.exitCode}:\n${tail}`,
    );
  }

  /** Resolves with the exit status once the process ends by itself. */
  exited(): Promise<number> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code ?? 1)));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = this.exited();
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Samples a process's resident memory every `everyMs` until stopped: the highest and the last seen. */
export class MemorySampler {
  peakMb = 0;
  lastMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(pid: number, everyMs = 250) {
    const sample = () => {
      const mb = residentMb(pid);
      if (mb === null) return;
      this.lastMb = mb;
      this.peakMb = Math.max(this.peakMb, mb);
    };
    sample();
    this.timer = setInterval(sample, everyMs);
  }

  stop(): { peakMb: number; lastMb: number } {
    clearInterval(this.timer);
    return { peakMb: this.peakMb, lastMb: this.lastMb };
  }
}
