import type { Feature } from '../../engine/feature.js';
import { assignCommand } from './assign.js';
import { closeCommand } from './close.js';
import { confirmCommand } from './confirm.js';
import { pairSummaryJob } from './jobs.js';
import { pairCommand, unpairCommand } from './pair.js';

/**
 * Problems to closure (问题清单: 交办, 办结, 确认, with every step in the record's history) and
 * pairing of station staff with villages (挂包联系), with the paired contact's weekly summary.
 * A deed answering a problem reaches this feature through the suggestions feature's links.
 */
export const problemsFeature: Feature = {
  name: 'problems',
  routes: { commands: { assign: assignCommand, close: closeCommand, confirm: confirmCommand, pair: pairCommand, unpair: unpairCommand } },
  jobs: [pairSummaryJob],
};
