export * from './core-modules.js';
