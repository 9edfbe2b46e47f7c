export * from './directory.error.js';
export * from './directory.module.js';
export * from './directory.service.js';
export * from './store-policy.js';
export * from './unknown-store-alerts.service.js';
