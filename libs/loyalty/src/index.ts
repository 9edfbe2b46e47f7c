export * from './loyalty-links.js';
export * from './loyalty.module.js';
export * from './membership.service.js';
export * from './referral.service.js';
export * from './reward.service.js';
export * from './unsubscribe.service.js';
