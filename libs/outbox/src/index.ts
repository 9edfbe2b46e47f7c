export * from './outbox-relay.service.js';
export * from './outbox.module.js';
export * from './transactional-outbox.service.js';
