import { RETENTION_EVERY_MINUTES, retentionStatements } from '../../../db/repo/retention.js';
import type { Job, JobDeps } from '../feature.js';
import { letRequestsIn } from '../yield.js';

export { officialCalendar } from './calendar.js';

export interface SchedulerDeps extends JobDeps {
  /** Every feature's jobs, run in this order on each tick. */
  jobs: readonly Job[];
}

/**
 * What a tick did: each job's counts added up by name (meetings, digests, inspections, nudges,
 * escalations, …), and `skipped`, work another tick had already done (a replay, or a second process).
 */
export type TickResult = { skipped: number } & Record<string, number>;

/**
 * All time-driven work in one call. Safe to run as often as wanted and in several processes at
 * once: each piece of work commits a unique job or key together with its messages.
 */
export function createScheduler(deps: SchedulerDeps) {
  let queue: Promise<unknown> = Promise.resolve();

  async function tickNow(now: Date): Promise<TickResult> {
    const at = now.getTime();
    const result: TickResult = { skipped: 0 };
    for (const job of deps.jobs) {
      await letRequestsIn();
      for (const [what, n] of Object.entries(await job.run(deps, at))) result[what] = (result[what] ?? 0) + n;
    }
    // Retention rides on the tick so Workers (cron) and Node prune alike: on every tenth minute,
    // each sweep bounded, so it is neither a stall of every tick nor behind a busy day.
    if (Math.floor(at / 60_000) % RETENTION_EVERY_MINUTES === 0) await deps.store.commit(retentionStatements(deps.store.db, at));
    if (Object.values(result).some((n) => n > 0)) deps.logger.info('tick', { at: now.toISOString(), ...result });
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
