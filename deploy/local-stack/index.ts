export * from './endpoints.js';
export * from './paths.js';
export * from './process-tools.js';
export * from './stack.js';
export * from './mail-catcher.js';
