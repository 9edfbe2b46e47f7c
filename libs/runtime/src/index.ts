export * from './core-modules.js';
export * from './namespace.js';
export * from './backlog-probe.js';
