export * from './contact-budget.service.js';
export * from './customer-model.module.js';
export * from './customer-model.rules.js';
export * from './customer-model.service.js';
export * from './customer-sweeps.service.js';
export * from './triage-rules.provider.js';
export * from './customer-model-reports.service.js';
export * from './customer-profile.service.js';
