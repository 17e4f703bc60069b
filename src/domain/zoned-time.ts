/**
 * Calendar arithmetic in a named time zone with nothing but Intl: the wall clock of an instant,
 * and the instant of a wall clock. Civil dates are plain numbers so they never drift with the
 * host's own zone.
 */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface WallClock extends CivilDate {
  hour: number;
  minute: number;
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock an instant shows in the zone. */
export function wallClockOf(at: Date | number, timeZone: string): WallClock & { second: number } {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(typeof at === 'number' ? new Date(at) : at)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** How far the zone is ahead of UTC at that instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const w = wallClockOf(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a wall clock in the zone names. Around a daylight-saving jump the offset found at
 * the first guess may be wrong, so it is checked once more at the result.
 */
export function instantOf(wall: WallClock, timeZone: string): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return second;
}

export function civilDateOf(at: Date | number, timeZone: string): CivilDate {
  const { year, month, day } = wallClockOf(at, timeZone);
  return { year, month, day };
}

export function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function weekdayOf(d: CivilDate): Weekday {
  const js = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return (js === 0 ? 7 : js) as Weekday;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

export function isValidDate(d: CivilDate): boolean {
  if (!Number.isInteger(d.year) || !Number.isInteger(d.month) || !Number.isInteger(d.day)) return false;
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return t.getUTCFullYear() === d.year && t.getUTCMonth() + 1 === d.month && t.getUTCDate() === d.day;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-12-03: the form calendars and override files use. */
export function dateKey(d: CivilDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

export function mondayOf(d: CivilDate): CivilDate {
  return addDays(d, 1 - weekdayOf(d));
}

/** ISO week, e.g. 2026-W49: the week belongs to the year of its Thursday. */
export function isoWeekKey(d: CivilDate): string {
  const thursday = addDays(d, 4 - weekdayOf(d));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const week = Math.floor((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / DAY_MS / 7) + 1;
  return `${thursday.year}-W${pad(week)}`;
}

export function monthKey(d: Pick<CivilDate, 'year' | 'month'>): string {
  return `${d.year}-${pad(d.month)}`;
}

export function previousMonth(d: Pick<CivilDate, 'year' | 'month'>): { year: number; month: number } {
  return d.month === 1 ? { year: d.year - 1, month: 12 } : { year: d.year, month: d.month - 1 };
}

/** Midnight at the start of the civil date, in the zone. */
export function startOfDay(d: CivilDate, timeZone: string): number {
  return instantOf({ ...d, hour: 0, minute: 0 }, timeZone);
}
