import type { LadderConfig } from '#config';
import { projectRoot, waitFor } from '#local-stack';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs `ladder start` (api and worker) as a child process, its output in a log file. */
export function startLadder(env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  mkdirSync(join(projectRoot(), '.ladder', 'logs'), { recursive: true });
  const log = openSync(logFile, 'w');
  const main = fileURLToPath(new URL('../../main.js', import.meta.url));
  return spawn(process.execPath, [...process.execArgv, main, 'start'], { env, stdio: ['ignore', log, log] });
}

export async function waitForReady(
  config: LadderConfig,
  ladder: ChildProcess,
  logFile: string,
): Promise<void> {
  await waitFor(
    'Ladder',
    async () => {
      if (ladder.exitCode !== null) {
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
        throw new Error(`Ladder exited with status ${ladder.exitCode}:\n${tail}`);
      }
      const response = await fetch(`${config.publicUrl}/health/ready`, {
        signal: AbortSignal.timeout(5_000),
      });
      return response.ok;
    },
    120_000,
  );
}

export async function stopLadder(ladder: ChildProcess): Promise<void> {
  if (ladder.exitCode !== null) return;
  const exited = new Promise((resolve) => ladder.once('exit', resolve));
  ladder.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (ladder.exitCode === null) ladder.kill('SIGKILL');
}
