export * from './erasure-scrub.js';
