export * from './case-priority.js';
export * from './case-workflow.js';
export * from './escalation.js';
export * from './recovery.js';
export * from './root-cause.js';
export * from './outer-loop.js';
