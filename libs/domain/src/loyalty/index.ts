export * from './codes.js';
export * from './identity.js';
export * from './referral-fraud.js';
export * from './voucher.js';
export * from './association-rules.js';
