export * from './churn.js';
export * from './contact-budget.js';
export * from './customer-fact.js';
export * from './customer-state.js';
export * from './ladder.js';
export * from './rfm.js';
