export * from './core-modules.js';
export * from './backlog-probe.js';
export * from './readiness.service.js';
export * from './ladder-application.js';
export * from './ops-server.js';
export * from './system-metrics.js';
