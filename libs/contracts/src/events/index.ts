export * from './common.js';
export * from './dead-letter.event.js';
export * from './feedback.event.js';
export * from './input-event.js';
export * from './lead.event.js';
export * from './purchase.event.js';
export * from './rejection.js';
export * from './survey.event.js';
