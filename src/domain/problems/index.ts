export * from './lifecycle.js';
export * from './deadline.js';
export { px, statusLabel, type OverdueProblem, type PairingView, type ProblemCounts } from './messages.js';
export { countProblems } from './counts.js';
