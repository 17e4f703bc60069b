import type { Feature, Job } from '../../engine/feature.js';
import { approveButton, approveCommand, rejectButton, rejectCommand } from './approve.js';
import { bind, bindButton, continueBindChoice } from './bind.js';
import { help } from './help.js';
import { join } from './join.js';
import { me } from './me.js';
import { membership } from './membership.js';
import { runNudges } from './nudge-jobs.js';
import type { NudgePlanner } from './nudge-plan.js';
import { recordCommand } from './record.js';

/**
 * Five-ones reminders (and reviewers' reminders), rare and private; escalated to the station in
 * private. `planNudges` decides who is due away from the webhooks' thread (the Node server).
 */
const nudgeJob = (planNudges?: NudgePlanner): Job => ({ name: 'five-ones nudges', run: (deps, now) => runNudges(deps, now, planNudges) });

/**
 * The foundation: help, binding, joining and approving, field visits, /me, the bot joining or
 * leaving a chat, and the five-ones nudges. The other record kinds, their follow-up conversation
 * and /list belong to the suggestions feature, which adds similar-suggestion hints and the three lists.
 */
export const coreFeature = (deps: { planNudges?: NudgePlanner | undefined } = {}): Feature => ({
  name: 'core',
  routes: {
    commands: { help, bind, join, approve: approveCommand, reject: rejectCommand, visit: recordCommand('visit'), me },
    buttons: { bind: bindButton, approve: approveButton, reject: rejectButton },
    conversations: { 'bind-choice': continueBindChoice },
    membership,
  },
  jobs: [nudgeJob(deps.planNudges)],
});
