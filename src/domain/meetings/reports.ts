import type { RecordKind } from '../types.js';
import type { WorkCalendar } from './calendar.js';
import { grade, type Colour } from './grading.js';
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
} from '../zoned-time.js';

/** 周调度 goes out Monday at 09:00, 月督查 on the 1st at 09:00, both in the bot's zone. */
export const REPORT_HOUR = 9;
export const IDLE_DAYS = 14;
export const REVIEW_OVERDUE_DAYS = 7;
/** A report not sent within a week of its time is skipped; the next one covers the news. */
const STALE_AFTER_MS = 7 * DAY_MS;

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
  if (now < at) return null;
  return { key: isoWeekKey(monday), at, from: startOfDay(addDays(monday, -7), timeZone), to: startOfDay(monday, timeZone) };
}

/** The monthly inspection of the month before `now`'s month, once due (the 1st, or the next working day). */
export function monthlyInspectionDue(now: number, timeZone: string, cal: WorkCalendar): ReportPeriod | null {
  const today = civilDateOf(now, timeZone);
  const first: CivilDate = { year: today.year, month: today.month, day: 1 };
  const day = cal.nextWorkingDay(first);
  const at = instantOf({ ...day, hour: REPORT_HOUR, minute: 0 }, timeZone);
  // A bot that was down (or just installed) does not send last month's inspection weeks late.
  if (now < at || now >= at + STALE_AFTER_MS) return null;
  const prev = previousMonth(first);
  return { key: monthKey(prev), at, from: startOfDay({ ...prev, day: 1 }, timeZone), to: startOfDay(first, timeZone) };
}

export type KindCounts = Record<RecordKind, number>;

export function emptyKindCounts(): KindCounts {
  return { suggestion: 0, deed: 0, visit: 0, problem: 0, rule: 0 };
}

/** What is known of one village at report time. */
export interface VillageFacts {
  code: string;
  name: string;
  fullName: string;
  path: string;
  parentCode: string | null;
  /** Cadres on the roster, and those of them who joined through a chat. */
  cadres: number;
  joined: number;
  /** Cadres with all five done, and five-ones items done summed over cadres. */
  complete: number;
  itemsDone: number;
  period: KindCounts;
  total: KindCounts;
  periodMeetings: number;
  totalMeetings: number;
  lastActivityAt: number | null;
  /** Suggestions by review state (pending, adopted, rejected, …). */
  suggestionStates: Record<string, number>;
}

export interface AreaLine {
  code: string;
  name: string;
  villages: number;
  cadres: number;
  joined: number;
  complete: number;
  period: KindCounts;
  total: KindCounts;
  periodMeetings: number;
  totalMeetings: number;
  suggestionStates: Record<string, number>;
}

function addStates(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function add(a: KindCounts, b: KindCounts): KindCounts {
  return { suggestion: a.suggestion + b.suggestion, deed: a.deed + b.deed, visit: a.visit + b.visit, problem: a.problem + b.problem, rule: a.rule + b.rule };
}

export function sumKinds(c: KindCounts): number {
  return c.suggestion + c.deed + c.visit + c.problem + c.rule;
}

const inside = (path: string, outer: string) => path === outer || path.startsWith(`${outer}/`);

/** Villages rolled up into the given sub-regions (a village itself is its own sub-region). */
export function rollUp(villages: readonly VillageFacts[], subRegions: readonly { code: string; name: string; path: string }[]): AreaLine[] {
  return subRegions.map((r) => {
    const line: AreaLine = {
      code: r.code,
      name: r.name,
      villages: 0,
      cadres: 0,
      joined: 0,
      complete: 0,
      period: emptyKindCounts(),
      total: emptyKindCounts(),
      periodMeetings: 0,
      totalMeetings: 0,
      suggestionStates: {},
    };
    for (const v of villages) {
      if (!inside(v.path, r.path)) continue;
      line.villages++;
      line.cadres += v.cadres;
      line.joined += v.joined;
      line.complete += v.complete;
      line.period = add(line.period, v.period);
      line.total = add(line.total, v.total);
      line.periodMeetings += v.periodMeetings;
      line.totalMeetings += v.totalMeetings;
      line.suggestionStates = addStates(line.suggestionStates, v.suggestionStates);
    }
    return line;
  });
}

export function totalLine(lines: readonly AreaLine[], name: string): AreaLine {
  return lines.reduce<AreaLine>(
    (t, l) => ({
      ...t,
      villages: t.villages + l.villages,
      cadres: t.cadres + l.cadres,
      joined: t.joined + l.joined,
      complete: t.complete + l.complete,
      period: add(t.period, l.period),
      total: add(t.total, l.total),
      periodMeetings: t.periodMeetings + l.periodMeetings,
      totalMeetings: t.totalMeetings + l.totalMeetings,
      suggestionStates: addStates(t.suggestionStates, l.suggestionStates),
    }),
    { code: '', name, villages: 0, cadres: 0, joined: 0, complete: 0, period: emptyKindCounts(), total: emptyKindCounts(), periodMeetings: 0, totalMeetings: 0, suggestionStates: {} },
  );
}

export function idleDaysOf(v: Pick<VillageFacts, 'lastActivityAt'>, now: number): number | null {
  return v.lastActivityAt === null ? null : Math.floor((now - v.lastActivityAt) / DAY_MS);
}

/** Villages where nothing was recorded and no meeting held for 14 days (or ever). */
export function idleVillages(villages: readonly VillageFacts[], now: number): VillageFacts[] {
  return villages.filter((v) => {
    const d = idleDaysOf(v, now);
    return d === null || d >= IDLE_DAYS;
  });
}

export interface GradedVillage {
  village: VillageFacts;
  colour: Colour;
  idleDays: number | null;
}

export function gradeVillages(villages: readonly VillageFacts[], now: number): GradedVillage[] {
  return villages.map((v) => {
    const idleDays = idleDaysOf(v, now);
    return { village: v, idleDays, colour: grade({ cadres: v.cadres, itemsDone: v.itemsDone, idleDays }) };
  });
}
