export * from './api-error.js';
export * from './case.dto.js';
export * from './customer-model.dto.js';
export * from './customer.dto.js';
export * from './dead-letter.dto.js';
export * from './nps.dto.js';
export * from './token.dto.js';
export * from './notification.dto.js';
