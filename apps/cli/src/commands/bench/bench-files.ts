import { projectRoot } from '#local-stack';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** The machine a benchmark ran on, as its figures record it. */
export function machine(): { cpus: number; cpuModel: string; memoryGiB: number } {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Writes a benchmark's figures as JSON under .ladder/bench/, named by its kind and the time; answers the file. */
export function writeBenchFigures(kind: string, figures: unknown): string {
  const directory = join(projectRoot(), '.ladder', 'bench');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(figures, null, 2));
  return file;
}
