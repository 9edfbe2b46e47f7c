export * from './notification-scheduler.service.js';
export * from './outbox-relay.service.js';
export * from './outbox.module.js';
