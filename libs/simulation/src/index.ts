export * from './comments.js';
export * from './random.js';
export * from './traffic-simulator.js';
export * from './produce.js';
export * from './demo-stores.js';
export * from './promoter-loop.js';
export * from './bench-load.js';
