import type { Feature, Job } from '../../engine/feature.js';
import { approveButton, approveCommand, rejectButton, rejectCommand } from './approve.js';
import { bind, bindButton, continueBindChoice } from './bind.js';
import { help } from './help.js';
import { join } from './join.js';
import { me } from './me.js';
import { membership } from './membership.js';
import { runNudges } from './nudge-jobs.js';
import type { NudgePlanner } from './nudge-plan.js';
import { nudgeWindow } from '../../../domain/meetings/index.js';
import { recordCommand } from './record.js';

/**
 * Who is due a reminder changes over days (a month's five ones, 30 days' grace, 14 days of
 * waiting for review), not minutes, and finding out reads the whole roster: the minute tick does
 * it once in this long, from the first tick of the working day's reminder window. A reminder can
 * so go out up to this much later than it might; none goes out twice.
 */
export const PLAN_EVERY_MS = 10 * 60_000;

/**
 * Five-ones reminders (and reviewers' reminders), rare and private; escalated to the station in
 * private. `planNudges` decides who is due away from the webhooks' thread (the Node server).
 */
function nudgeJob(planNudges?: NudgePlanner): Job {
  // When the roster was last read in the reminder window (per process: a restart reads it at once).
  let planned = Number.NEGATIVE_INFINITY;
  return {
    name: 'five-ones nudges',
    async run(deps, now) {
      if (!nudgeWindow(now, deps.timeZone, deps.calendar)) return { nudges: 0, escalations: 0, skipped: 0 };
      if (now >= planned && now - planned < PLAN_EVERY_MS) return { nudges: 0, escalations: 0, skipped: 0 };
      const result = await runNudges(deps, now, planNudges);
      planned = now;
      return result;
    },
  };
}

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
