export * from './erased-customers.service.js';
export * from './erasure.service.js';
export * from './privacy.module.js';
