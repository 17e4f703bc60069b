/**
 * The programme's measures of a village, defined once: /stats, the dashboard, the ledger, the
 * weekly digest (周调度) and the monthly inspection (月督查) all read them from here, so the same
 * village shows the same 完成率 and the same colour wherever a station looks.
 */
import { FIVE_ONES, type FiveOnesCounts } from '../five-ones.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A village with no record, meeting or binding for this many days is 14天无动静: nobody is looking after it. */
export const IDLE_DAYS = 14;
export const IDLE_AFTER_MS = IDLE_DAYS * DAY_MS;
/** Blue, yellow and orange need something in the village within this many days. */
export const RECENT_DAYS = 30;

/**
 * 五色督办 thresholds on the 完成率: green also needs activity within 14 days, blue and yellow within
 * 30 days; orange is a 完成率 of 20% or activity within 30 days; the rest is red.
 */
export const COLOUR_AT = { green: 0.8, blue: 0.6, yellow: 0.4, orange: 0.2 } as const;

export type Colour = 'green' | 'blue' | 'yellow' | 'orange' | 'red';
export const COLOURS: readonly Colour[] = ['green', 'blue', 'yellow', 'orange', 'red'];
/** A place's standing: one of the five colours, or `none` where no cadre is counted (none on the roster, or all paused). */
export type Grade = Colour | 'none';

/** What the measures need to know about a village, or an area summed from villages. */
export interface Standing {
  /** Cadres counted: on the roster of the village, not paused today. */
  cadres: number;
  /** Cadres (of those counted) who have done each item at least once. */
  itemDone: FiveOnesCounts;
  /** Latest record, meeting held or binding of the village chat, epoch ms. */
  lastAt: number | null;
}

export function itemsDone(itemDone: FiveOnesCounts): number {
  return FIVE_ONES.reduce((s, i) => s + itemDone[i], 0);
}

/**
 * 五个一完成率: the share of the five items done over the counted cadres (0–1), null without cadres.
 * A paused cadre is in neither the numerator nor the denominator.
 */
export function completionRate(s: Pick<Standing, 'cadres' | 'itemDone'>): number | null {
  if (s.cadres === 0) return null;
  return Math.min(1, itemsDone(s.itemDone) / (5 * s.cadres));
}

/** Whole days since the last activity, null when there never was any. */
export function idleDays(lastAt: number | null, now: number): number | null {
  return lastAt === null ? null : Math.floor((now - lastAt) / DAY_MS);
}

/** 14天无动静: nothing for 14 whole days, or ever. */
export function isIdle(lastAt: number | null, now: number): boolean {
  const d = idleDays(lastAt, now);
  return d === null || d >= IDLE_DAYS;
}

function activeWithin(lastAt: number | null, now: number, days: number): boolean {
  const d = idleDays(lastAt, now);
  return d !== null && d < days;
}

/** The five colours of 五色督办. A place without counted cadres is not graded. */
export function gradeOf(s: Standing, now: number): Grade {
  const rate = completionRate(s);
  if (rate === null) return 'none';
  const recent = activeWithin(s.lastAt, now, RECENT_DAYS);
  if (rate >= COLOUR_AT.green && !isIdle(s.lastAt, now)) return 'green';
  if (rate >= COLOUR_AT.blue && recent) return 'blue';
  if (rate >= COLOUR_AT.yellow && recent) return 'yellow';
  if (rate >= COLOUR_AT.orange || recent) return 'orange';
  return 'red';
}

/** A rate as people read it: whole percent, — when there is nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
