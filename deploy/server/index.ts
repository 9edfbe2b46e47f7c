import type { LadderConfig } from '#config';
import { createHttpApplication, createWorkerApplication } from '#runtime';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { API_HTTP, API_NAMES } from '../../apps/api/src/api.bootstrap.js';
import { workerNames, WorkerRolesModule } from '../../apps/worker/src/worker.module.js';

/**
 * How Ladder's processes are put together from its apps. Apps never import each other: a process that runs
 * several is composed here, at the edge, through the runtime library's module, from each app's public
 * surface (the API's `api.bootstrap.ts`, the worker's `worker.module.ts`).
 */

/** The API and the worker roles of LADDER_ROLES in one process, on one set of connections, listening on PORT. */
export async function startServer(config: LadderConfig): Promise<INestApplication> {
  const app = await createHttpApplication(
    config,
    { http: API_HTTP, worker: WorkerRolesModule.forRoles(config.roles) },
    { application: 'ladder', logPrefix: 'Ladder' },
  );
  await app.listen(config.port);
  return app;
}

/** The API alone, listening on PORT. */
export async function startApi(config: LadderConfig): Promise<INestApplication> {
  const app = await createHttpApplication(config, { http: API_HTTP }, API_NAMES);
  await app.listen(config.port);
  return app;
}

/** The worker roles of LADDER_ROLES alone. */
export function startWorker(config: LadderConfig): Promise<INestApplicationContext> {
  return createWorkerApplication(config, WorkerRolesModule.forRoles(config.roles), workerNames(config.roles));
}
