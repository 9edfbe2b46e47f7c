export * from './catalogue-processor.js';
export * from './job-options.js';
export * from './job-queue.service.js';
export * from './queues.module.js';
export * from './reconciler.js';
export * from './job-status.js';
