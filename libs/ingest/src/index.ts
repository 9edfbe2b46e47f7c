export * from './dead-letter.service.js';
export * from './decode-batch.js';
export * from './fact-folds.js';
export * from './fact-rows.js';
export * from './ingest.module.js';
export * from './ingest.service.js';
export * from './read-model-rebuild.service.js';
export * from './replay.service.js';
