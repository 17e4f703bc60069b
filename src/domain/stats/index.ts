export * from './format.js';
export * from './period.js';
export * from './rollup.js';
export * from './standing.js';
export * from './statuses.js';
