import type { Db } from '../../../db/store.js';
import type { ReportPeriod } from '../../../domain/meetings/index.js';
import type { Period, StatsReport, StatsScope } from '../../../domain/stats/index.js';
import type { OutMessage } from '../../../domain/types.js';
import { problemSummary, type ProblemSummary } from '../problems/summary.js';
import { buildReport } from './report.js';
import { monthlyMessages, weeklyMessages } from './report-jobs.js';

/** What /stats and the dashboard show for one area: the rollup, and where its problems stand. */
export interface StatsView {
  report: StatsReport;
  problems: ProblemSummary;
}

/**
 * The reads behind /stats, the dashboard and the stations' reports. A city's take 0.2–0.4 s of
 * SQLite and a week's digest twice that: the Node server answers them from a worker thread
 * (stats-threads.ts) so no webhook waits for them; Workers and tests read in-process.
 */
export interface StatsReader {
  /** /stats and the dashboard for one area and period, as of `now`. */
  view(scope: StatsScope, period: Period, now: Date, timeZone: string): Promise<StatsView>;
  /** 周调度: one digest per station and task-force chat. */
  weekly(period: ReportPeriod, now: number, timeZone: string): Promise<OutMessage[]>;
  /** 月督查: one inspection per station and task-force chat. */
  monthly(period: ReportPeriod, now: number, timeZone: string): Promise<OutMessage[]>;
  /**
   * True when `view` of this area is read on another thread: a command then answers it as later
   * work (Plan.later), since deciding an event must not wait for a thread.
   */
  offThread(scope: StatsScope): boolean;
}

/** Reads on the calling thread, from this database. */
export function inProcessStats(db: Db): StatsReader {
  return {
    async view(scope, period, now, timeZone) {
      const [report, problems] = await Promise.all([buildReport(db, scope, period, now, timeZone), problemSummary(db, scope.path, now, timeZone)]);
      return { report, problems };
    },
    weekly: (period, now, timeZone) => weeklyMessages({ db, timeZone }, period, now),
    monthly: (period, now, timeZone) => monthlyMessages({ db, timeZone }, period, now),
    offThread: () => false,
  };
}
