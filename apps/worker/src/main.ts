import 'reflect-metadata';
import { loadConfig, runEntryPoint } from '#config';
import { closeOnSignals } from '#observability';
import { createWorkerApplication } from './worker.bootstrap.js';

await runEntryPoint(async () => {
  const worker = await createWorkerApplication(loadConfig(process.env));
  closeOnSignals([worker]);
});
