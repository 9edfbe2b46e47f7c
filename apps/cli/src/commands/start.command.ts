import { loadConfig } from '#config';
import { closeOnSignals } from '#observability';
import { startApi, startServer, startWorker } from '#server';

/** `ladder start`: the worker roles and the API in one process. */
export async function startCommand(): Promise<void> {
  const config = loadConfig(process.env, { serveApi: true, runWorker: true });
  const server = await startServer(config);
  closeOnSignals([server]);
  process.stdout.write(
    `Ladder is running: API on ${config.publicUrl} (health at /health/ready), worker roles ${config.roles.join(', ')}.\n`,
  );
}

export async function apiCommand(): Promise<void> {
  const api = await startApi(loadConfig(process.env, { serveApi: true }));
  closeOnSignals([api]);
}

export async function workerCommand(): Promise<void> {
  const worker = await startWorker(loadConfig(process.env, { runWorker: true }));
  closeOnSignals([worker]);
}
