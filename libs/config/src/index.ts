export * from './config.error.js';
export * from './config-keys.js';
export * from './config.module.js';
export type { Environment } from './environment-reader.js';
export * from './ladder-config.js';
export * from './load-config.js';
export * from './run-entry-point.js';
export * from './deadline.js';
