/** The worker app's public surface: what a process that runs worker roles needs. */
export { ROLES, workerNames, WorkerRolesModule } from './worker.module.js';
