import type { StatsTotals, VillageFacts } from '../stats/rollup.js';
import { completionRate, gradeOf, idleDays, isIdle, type Colour, type Grade } from '../stats/standing.js';
import type { WorkCalendar } from './calendar.js';
import {
  addDays,
  civilDateOf,
  DAY_MS,
  instantOf,
  isoWeekKey,
  mondayOf,
  monthKey,
  previousMonth,
  startOfDay,
  type CivilDate,
  wallClockOf,
} from '../zoned-time.js';

/** 周调度 goes out Monday at 09:00, 月督查 on the 1st at 09:00, both in the bot's zone. */
export const REPORT_HOUR = 9;
export const REVIEW_OVERDUE_DAYS = 7;
/** A report not sent within a week of its time is skipped; the next one covers the news. */
const STALE_AFTER_MS = 7 * DAY_MS;
/** A report caught up late (a server down on Monday morning) still waits for working hours: not before 09:00, not from 21:00. */
const LAST_REPORT_HOUR = 21;

function inReportHours(now: number, timeZone: string): boolean {
  const { hour } = wallClockOf(now, timeZone);
  return hour >= REPORT_HOUR && hour < LAST_REPORT_HOUR;
}

export interface ReportPeriod {
  /** Key part of the outbox and job keys: 2026-W49 or 2026-11. */
  key: string;
  /** When it is sent (moved off holidays). */
  at: number;
  /** The days it reports on: [from, to). */
  from: number;
  to: number;
}

/**
 * The weekly digest of the week `now` falls in, once due. It reports the seven days before that
 * Monday. A Monday holiday moves it to the next working day; when the whole week is off (Spring
 * Festival), the next week's digest covers it instead.
 */
export function weeklyDigestDue(now: number, timeZone: string, cal: WorkCalendar): ReportPeriod | null {
  const monday = mondayOf(civilDateOf(now, timeZone));
  const day = cal.nextWorkingDay(monday);
  if (Date.UTC(day.year, day.month - 1, day.day) > Date.UTC(monday.year, monday.month - 1, monday.day) + 6 * DAY_MS) return null;
  const at = instantOf({ ...day, hour: REPORT_HOUR, minute: 0 }, timeZone);
  if (now < at || !inReportHours(now, timeZone)) return null;
  return { key: isoWeekKey(monday), at, from: startOfDay(addDays(monday, -7), timeZone), to: startOfDay(monday, timeZone) };
}

/** The monthly inspection of the month before `now`'s month, once due (the 1st, or the next working day). */
export function monthlyInspectionDue(now: number, timeZone: string, cal: WorkCalendar): ReportPeriod | null {
  const today = civilDateOf(now, timeZone);
  const first: CivilDate = { year: today.year, month: today.month, day: 1 };
  const day = cal.nextWorkingDay(first);
  const at = instantOf({ ...day, hour: REPORT_HOUR, minute: 0 }, timeZone);
  // A bot that was down (or just installed) does not send last month's inspection weeks late.
  if (now < at || now >= at + STALE_AFTER_MS || !inReportHours(now, timeZone)) return null;
  const prev = previousMonth(first);
  return { key: monthKey(prev), at, from: startOfDay({ ...prev, day: 1 }, timeZone), to: startOfDay(first, timeZone) };
}

/**
 * A line of the weekly digest: one sub-region (or the whole area), with what happened in the week
 * and what stands so far. Both are the statistics model's totals (src/domain/stats), so the digest
 * counts cadres, 完成率 and colours exactly as /stats does.
 */
export interface DigestLine {
  code: string;
  name: string;
  week: StatsTotals;
  sofar: StatsTotals;
  grade: Grade;
}

export function recordsIn(t: Pick<StatsTotals, 'suggestions' | 'deeds' | 'visits' | 'problems' | 'rules'>): number {
  return t.suggestions + t.deeds + t.visits + t.problems + t.rules;
}

/** Villages where nothing was recorded, held or bound for 14 days (or ever), of those in the programme. */
export function idleVillages<V extends Pick<VillageFacts, 'cadres' | 'lastAt'>>(villages: readonly V[], now: number): V[] {
  return villages.filter((v) => v.cadres > 0 && isIdle(v.lastAt, now));
}

export interface GradedVillage {
  village: VillageFacts;
  colour: Colour;
  rate: number;
  idleDays: number | null;
}

/** 五色督办 of every village with cadres counted; the others are not graded. */
export function gradeVillages(villages: readonly VillageFacts[], now: number): GradedVillage[] {
  const out: GradedVillage[] = [];
  for (const v of villages) {
    const colour = gradeOf(v, now);
    if (colour === 'none') continue;
    out.push({ village: v, colour, rate: completionRate(v) ?? 0, idleDays: idleDays(v.lastAt, now) });
  }
  return out;
}
