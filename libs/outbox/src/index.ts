export * from './outbox-relay.service.js';
export * from './outbox.module.js';
