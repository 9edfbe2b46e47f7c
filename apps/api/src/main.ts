import 'reflect-metadata';
import { loadConfig, runEntryPoint } from '#config';
import { closeOnSignals } from '#observability';
import { startApi } from './api.bootstrap.js';

await runEntryPoint(async () => {
  const api = await startApi(loadConfig(process.env, { serveApi: true }));
  closeOnSignals([api]);
});
