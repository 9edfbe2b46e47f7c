export * from './api/index.js';
export * from './directory/directory.schema.js';
export * from './events/index.js';
export * from './jobs/job-catalogue.js';
export * from './topics.js';
