import { readdirSync, readFileSync } from 'node:fs';

/** The processes of this machine the closed loop runs on, as the benchmark tells them apart. */
export const SERVICES = ['worker', 'postgresql', 'redis', 'kafka', 'benchmark'] as const;
export type Service = (typeof SERVICES)[number];

/** CPU time used per service over a window, in cores (1 = one core busy the whole time). */
export type ServiceCores = Record<Service, number>;

/** Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ) in /proc/<pid>/stat. */
const TICKS_PER_SECOND = 100;

interface Sample {
  at: number;
  /** Every tick each service has used, over every process of it seen so far (so it never goes back). */
  ticks: Record<Service, number>;
}

/**
 * Samples, from /proc, the CPU time of every process of the closed loop: the worker (and its threads), every
 * PostgreSQL backend, Redis, the Kafka broker and the benchmark itself (the producer, the probes and the SMTP
 * sink). The usage of any window of the run is read afterwards (`cores`), so the benchmark can tell which
 * service was busy while scoring and which while the effects caught up: where the time goes.
 */
export class ServiceCpuSampler {
  private readonly samples: Sample[] = [];
  /** The ticks each process was last seen with, by pid. */
  private readonly lastTicks = new Map<number, { service: Service; ticks: number }>();
  private readonly workers = new Set<number>();
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 500) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** Counts `pid` as the worker's from now on (its start-up before this is left out of every window). */
  watchWorker(pid: number): void {
    this.workers.add(pid);
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** The cores each service used between two instants, from the samples nearest inside them. */
  cores(from: number, to: number): ServiceCores {
    const first = this.samples.find((sample) => sample.at >= from) ?? this.samples.at(-1)!;
    const last = this.samples.findLast((sample) => sample.at <= to) ?? first;
    const seconds = (last.at - first.at) / 1000;
    const used = {} as ServiceCores;
    for (const service of SERVICES)
      used[service] =
        seconds > 0 ? (last.ticks[service] - first.ticks[service]) / TICKS_PER_SECOND / seconds : 0;
    return used;
  }

  private sample(): void {
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const service = serviceOf(pid, this.workers);
      if (!service) continue;
      const ticks = cpuTicks(pid);
      if (ticks !== null) this.lastTicks.set(pid, { service, ticks });
    }
    const ticks = Object.fromEntries(SERVICES.map((service) => [service, 0])) as Record<Service, number>;
    for (const seen of this.lastTicks.values()) ticks[seen.service] += seen.ticks;
    this.samples.push({ at: Date.now(), ticks });
  }
}

function serviceOf(pid: number, workers: ReadonlySet<number>): Service | null {
  if (workers.has(pid)) return 'worker';
  if (pid === process.pid) return 'benchmark';
  const command = read(`/proc/${pid}/comm`)?.trim();
  if (command === 'postgres') return 'postgresql';
  if (command === 'redis-server') return 'redis';
  if (command === 'java' && read(`/proc/${pid}/cmdline`)?.includes('kafka')) return 'kafka';
  return null;
}

/** User and system time of a process (every thread of it), in clock ticks; null once it is gone. */
function cpuTicks(pid: number): number | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The fields after the command name (which may hold spaces) start with the state, field 3: utime is 14.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
