import type { Store } from '../../../db/store.js';
import type { WorkCalendar } from '../../../domain/meetings/index.js';
import type { Logger } from '../ports.js';
import { runMeetingJobs } from '../../features/meetings/jobs.js';
import { runNudges } from '../../features/core/nudge-jobs.js';
import { runReports } from '../../features/stations/report-jobs.js';

export { officialCalendar } from './calendar.js';

export interface SchedulerDeps {
  store: Store;
  timeZone: string;
  calendar: WorkCalendar;
  logger: Logger;
}

export interface TickResult {
  meetings: number;
  digests: number;
  inspections: number;
  nudges: number;
  escalations: number;
  /** Work another tick had already done (a replay, or a second process). */
  skipped: number;
}

/**
 * All time-driven work in one call. Safe to run as often as wanted and in several processes at
 * once: each piece of work commits a unique job or key together with its messages.
 */
export function createScheduler(deps: SchedulerDeps) {
  let queue: Promise<unknown> = Promise.resolve();

  async function tickNow(now: Date): Promise<TickResult> {
    const at = now.getTime();
    const meetings = await runMeetingJobs(deps, at);
    const reports = await runReports(deps, at);
    const nudges = await runNudges(deps, at);
    const result: TickResult = {
      meetings: meetings.done,
      digests: reports.digests,
      inspections: reports.inspections,
      nudges: nudges.nudges,
      escalations: nudges.escalations,
      skipped: meetings.skipped + reports.skipped + nudges.skipped,
    };
    if (result.meetings + result.digests + result.inspections + result.nudges + result.skipped > 0) {
      deps.logger.info('tick', { at: now.toISOString(), ...result });
    }
    return result;
  }

  return {
    /** Ticks in one process run one after another, so a slow tick and the next never overlap. */
    tick(now: Date): Promise<TickResult> {
      const run = queue.then(() => tickNow(now));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
