export * from './case-actions.service.js';
export * from './case-maintenance.service.js';
export * from './case-timers.js';
export * from './escalation.service.js';
export * from './follow-up.module.js';
export * from './recovery.service.js';
export * from './resurvey.service.js';
