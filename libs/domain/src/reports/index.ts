export * from './people-ranking.js';
export * from './theme-totals.js';
