export * from './access.module.js';
export * from './api-tokens.service.js';
export * from './authentication.service.js';
export * from './principal.js';
export * from './token-hash.js';
