export * from './codes.js';
export * from './identity.js';
export * from './referral-fraud.js';
export * from './voucher.js';
export * from './member-tiers.js';
export * from './points-ledger.js';
export * from './association-rules.js';
