import type { Hono } from 'hono';
import type { Store } from '../../db/store.js';
import type { NudgeCadence, WorkCalendar } from '../../domain/meetings/index.js';
import type { Logger } from './ports.js';
import type { Routes } from './router.js';

/** What a scheduled job may use. Time comes in as the tick's `now`, never from a clock. */
export interface JobDeps {
  store: Store;
  timeZone: string;
  calendar: WorkCalendar;
  /** How often people may be reminded (NUDGE_* in the configuration). */
  cadence: NudgeCadence;
  logger: Logger;
}

/**
 * Counts a job reports for one tick, by what it did ("digests", "nudges"), and `skipped`: work
 * another tick had already done (a replay, or a second process). The tick's result adds them up.
 */
export type JobCounts = { skipped: number } & Record<string, number>;

/** Time-driven work of a feature: safe to run on every tick and in several processes at once. */
export interface Job {
  name: string;
  run(deps: JobDeps, now: number): Promise<JobCounts>;
}

/**
 * One feature as the engine takes it: the commands, buttons and conversations it handles, and
 * the jobs the scheduler runs for it. `name` is how a start-up error names the feature.
 */
export interface Feature {
  name: string;
  routes: Partial<Routes>;
  jobs?: readonly Job[];
  /** HTTP routes of the feature itself (the stations' dashboard page). */
  registerRoutes?(app: Hono): void;
}
