import { loadConfig, type LadderConfig } from '#config';
import { closeOnSignals } from '#observability';
import type { INestApplication } from '@nestjs/common';
import { createHttpApplication, startApi } from '../../../api/src/api.bootstrap.js';
import { createWorkerApplication } from '../../../worker/src/worker.bootstrap.js';
import { ServerModule } from '../server.module.js';

/** Builds and starts the API and every worker role in one process, listening on PORT. */
export async function startServer(config: LadderConfig): Promise<INestApplication> {
  const app = await createHttpApplication(config, ServerModule.forConfig(config), 'Ladder');
  await app.listen(config.port);
  return app;
}

/** `ladder start`: the worker roles and the API in one process. */
export async function startCommand(): Promise<void> {
  const config = loadConfig(process.env, { serveApi: true });
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
  const worker = await createWorkerApplication(loadConfig(process.env));
  closeOnSignals([worker]);
}
