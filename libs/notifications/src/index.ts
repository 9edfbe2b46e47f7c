export * from './notification-kinds.js';
export * from './notification-log.service.js';
export * from './notification-renderer.js';
export * from './notification-scheduler.service.js';
export * from './notification-sender.service.js';
export * from './notifications.module.js';
export * from './unsubscribe-links.js';
