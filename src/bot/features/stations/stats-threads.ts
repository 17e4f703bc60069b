import type { ReportPeriod } from '../../../domain/meetings/index.js';
import type { Period, StatsScope } from '../../../domain/stats/index.js';
import type { OutMessage } from '../../../domain/types.js';
import type { Logger } from '../../engine/ports.js';
import { oneThread, type ThreadEntry } from '../../engine/thread.js';
import type { StatsReader, StatsView } from './stats-reader.js';

/** A thread with nothing asked for this long is stopped (it holds some 45 MB on Yuxi's data). */
const IDLE_MS = 15_000;

/**
 * Below this many cadres on the roster everything is read here: a whole city of 1,000 cadres
 * reads in some 30 ms, less than starting a thread costs in memory is worth. Yuxi has 5,647.
 */
export const THREAD_FROM_CADRES = 1_000;

/**
 * Areas read on the thread. A township's figures take a few milliseconds, less than a round trip
 * to a thread; a county's 20–50 ms and a city's 0.2–0.4 s (Yuxi's 718 villages and a year's records).
 */
const OFF_THREAD_LEVELS: ReadonlySet<StatsScope['level']> = new Set(['county', 'city', 'all']);

/** What the main thread asks the statistics thread (stats-thread.ts). */
export type StatsRequest = { databasePath: string } & (
  | { call: 'view'; scope: StatsScope; period: Period; now: number; timeZone: string }
  | { call: 'weekly' | 'monthly'; period: ReportPeriod; now: number; timeZone: string }
);

export type StatsResponse = StatsView | OutMessage[];

export interface ThreadStatsOptions extends ThreadEntry {
  /** The SQLite file the server writes; the thread reads it on a connection of its own. */
  databasePath: string;
  logger: Logger;
  /** Reads in this thread: small areas, and everything when the thread cannot be used. */
  here: StatsReader;
  /** How many cadres the roster holds now (a cheap count, asked at most once a minute). */
  cadres: () => number;
}

export interface ThreadStats {
  reader: StatsReader;
  close(): Promise<void>;
}

/**
 * /stats and the dashboard for a county or more, and the weekly and monthly reports, once the
 * roster is large (THREAD_FROM_CADRES), read in one worker thread with its own read-only connection; one request at a time, in the order asked. A
 * thread that cannot start or fails leaves the reading to this thread, with a warning each time:
 * an answer late by a stall beats no answer.
 */
export function createThreadStats(options: ThreadStatsOptions): ThreadStats {
  const { databasePath, logger, here } = options;
  let counted = { at: -Infinity, large: false };
  /** Whether the roster is large enough for the thread, counted again at most once a minute. */
  const large = () => {
    const now = Date.now();
    if (now - counted.at >= 60_000) counted = { at: now, large: options.cadres() >= THREAD_FROM_CADRES };
    return counted.large;
  };
  const thread = oneThread<StatsRequest, StatsResponse>({ name: 'stats', idleMs: IDLE_MS, ...options });
  async function ask<T extends StatsResponse>(request: StatsRequest, fallback: () => Promise<T>): Promise<T> {
    try {
      return (await thread.ask(request)) as T;
    } catch (err) {
      logger.warn('stats read in the main thread (the thread failed)', { call: request.call, error: err instanceof Error ? err.message : String(err) });
      return fallback();
    }
  }
  const reader: StatsReader = {
    view(scope, period, now, timeZone) {
      if (!reader.offThread(scope)) return here.view(scope, period, now, timeZone);
      return ask<StatsView>({ databasePath, call: 'view', scope, period, now: now.getTime(), timeZone }, () => here.view(scope, period, now, timeZone));
    },
    weekly(period, now, timeZone) {
      if (!large()) return here.weekly(period, now, timeZone);
      return ask<OutMessage[]>({ databasePath, call: 'weekly', period, now, timeZone }, () => here.weekly(period, now, timeZone));
    },
    monthly(period, now, timeZone) {
      if (!large()) return here.monthly(period, now, timeZone);
      return ask<OutMessage[]>({ databasePath, call: 'monthly', period, now, timeZone }, () => here.monthly(period, now, timeZone));
    },
    offThread: (scope) => OFF_THREAD_LEVELS.has(scope.level) && large(),
  };
  return { reader, close: () => thread.close() };
}
