export * from './health-checks.js';
export * from './ladder-metrics.js';
export * from './logger.js';
export * from './observability.module.js';
export * from './shutdown.js';
