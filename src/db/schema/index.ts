export * from './core.js';
export * from './stations.js';
export * from './meetings.js';
export * from './suggestions.js';
export * from './identity-links.js';
export * from './load.js';
export * from './problems.js';
export * from './files.js';
