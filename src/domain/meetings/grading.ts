/**
 * 五色督办 is defined with the other measures in src/domain/stats/standing.ts, so the monthly
 * inspection grades a village exactly as /stats, the dashboard and the ledger do.
 */
export { COLOURS, completionRate, gradeOf, type Colour, type Grade } from '../stats/standing.js';
export { COLOUR_LABELS, COLOUR_MARKS, COLOUR_RULE } from '../stats/messages.js';
