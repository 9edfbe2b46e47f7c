import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One V8 CPU profile (`node --cpu-prof`), as much of it as the summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  /** Share of the sampled time spent in the function itself (self time). */
  self: number;
  /** Share of the sampled time spent in it or in what it called (total time). */
  total: number;
}

/**
 * The top of a CPU profile: the functions with the most self time and with the most total time, each as a
 * share of every sample, named `function (file:line)` relative to `root`. Idle time is left out.
 */
export function summariseProfile(
  profile: CpuProfile,
  root: string,
  top = 15,
): { self: ProfileEntry[]; total: ProfileEntry[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.startsWith('file://') ? relative(root, new URL(url).pathname) : url;
    return `${functionName || '(anonymous)'}${file ? ` (${file}:${lineNumber + 1})` : ''}`;
  };
  const selfTime = new Map<string, number>();
  const totalTime = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame.functionName;
    if (frame === '(idle)' || frame === '(program)') return;
    busy += delta;
    selfTime.set(name(id), (selfTime.get(name(id)) ?? 0) + delta);
    // Each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const label = name(at);
      if (seen.has(label) || label.startsWith('(root)')) continue;
      seen.add(label);
      totalTime.set(label, (totalTime.get(label) ?? 0) + delta);
    }
  });
  const ranked = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label]) => ({
        name: label,
        self: (selfTime.get(label) ?? 0) / busy,
        total: (totalTime.get(label) ?? 0) / busy,
      }));
  return { self: ranked(selfTime), total: ranked(totalTime) };
}

/** The newest profile a process wrote into `directory`. */
export function newestProfile(directory: string): CpuProfile {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort();
  if (files.length === 0) throw new Error(`no CPU profile in ${directory}`);
  return JSON.parse(readFileSync(join(directory, files.at(-1)!), 'utf8')) as CpuProfile;
}

export function profileText(summary: { self: ProfileEntry[]; total: ProfileEntry[] }): string {
  const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  return [
    '  CPU profile of the worker, all roles (self time):',
    ...summary.self.map((entry) => `    ${percent(entry.self)}  ${entry.name}`),
    '  …and total time (the function and what it called):',
    ...summary.total.map((entry) => `    ${percent(entry.total)}  ${entry.name}`),
  ].join('\n');
}
