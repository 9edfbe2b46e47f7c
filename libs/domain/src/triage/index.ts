export * from './default-triage-rules.js';
export * from './detect-language.js';
export * from './merge-triage-rules.js';
export * from './normalise-comment.js';
export * from './triage-comment.js';
export * from './triage-rules.js';
