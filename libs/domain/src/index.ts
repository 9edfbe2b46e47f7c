export * from './calendar.js';
export * from './case/index.js';
export * from './digits.js';
export * from './duration.js';
export * from './nps.js';
export * from './referral-code.js';
export * from './customer/index.js';
export * from './triage/index.js';
