export * from './api-client.js';
export * from './eventually.js';
export * from './kafka-test-tools.js';
export * from './test-environment.js';
export * from './settled.js';
export * from './namespace.js';
export * from './stored-facts.js';
export * from './debian-package.js';
