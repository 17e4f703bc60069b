import { addDays, dateKey, weekdayOf, type CivilDate } from '../zoned-time.js';

/**
 * Where official working days come from (the State Council's yearly notice, as packaged by a
 * maintained data source, plus a local override file). `null` means "no opinion": the next
 * source, and finally the plain weekday rule, decides.
 */
export interface CalendarSource {
  isWorkday(date: string): boolean | null;
}

/** A fixed list, e.g. read from the override file: {"holidays": [...], "workdays": [...]}. */
export interface CalendarOverrides {
  holidays?: readonly string[];
  workdays?: readonly string[];
}

export function overrideSource(o: CalendarOverrides): CalendarSource {
  const holidays = new Set(o.holidays ?? []);
  const workdays = new Set(o.workdays ?? []);
  return {
    isWorkday(date) {
      if (workdays.has(date)) return true;
      if (holidays.has(date)) return false;
      return null;
    },
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** Checks an override file's content; returns the reason it is unusable, or the overrides. */
export function parseOverrides(json: unknown): CalendarOverrides | { error: string } {
  if (!json || typeof json !== 'object') return { error: 'must be a JSON object with "holidays" and/or "workdays" arrays' };
  const out: CalendarOverrides = {};
  for (const field of ['holidays', 'workdays'] as const) {
    const v = (json as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((d) => typeof d === 'string' && DATE.test(d))) {
      return { error: `"${field}" must be an array of dates written YYYY-MM-DD` };
    }
    out[field] = v as string[];
  }
  return out;
}

/**
 * Fixed-date public holidays, used for a year no source has data for: 元旦, 劳动节 (May 1–5, the
 * span of recent years) and 国庆 (Oct 1–7). Conservative: a digest held back a day is harmless,
 * one sent on a holiday is not. Spring Festival moves with the lunar calendar and is not guessed.
 */
const FIXED_HOLIDAYS: readonly (readonly [month: number, from: number, to: number])[] = [
  [1, 1, 1],
  [5, 1, 5],
  [10, 1, 7],
];

export function isFixedHoliday(d: CivilDate): boolean {
  return FIXED_HOLIDAYS.some(([month, from, to]) => d.month === month && d.day >= from && d.day <= to);
}

/** For years `knows` has no data for: the fixed-date holidays are days off, anything else no opinion. */
export function fixedHolidaySource(knows: (year: number) => boolean): CalendarSource {
  return {
    isWorkday(date) {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      if (knows(year)) return null;
      return isFixedHoliday({ year, month, day }) ? false : null;
    },
  };
}

/** Whether the overrides carry a year's notice (any holiday in it). */
export function overridesKnow(o: CalendarOverrides | undefined, year: number): boolean {
  const prefix = `${year}-`;
  return (o?.holidays ?? []).some((d) => d.startsWith(prefix));
}

/** The current and next year, when holiday data is missing for them: operators must add it. */
export function missingHolidayYears(today: CivilDate, knows: (year: number) => boolean): number[] {
  return [today.year, today.year + 1].filter((y) => !knows(y));
}

export interface WorkCalendar {
  /** Whether holiday data exists for the year (packaged or overridden); otherwise a fallback applies. */
  knowsYear(year: number): boolean;
  /** Official working day: weekdays that are not holidays, plus make-up weekend days (补班). */
  isWorkingDay(d: CivilDate): boolean;
  /** The date itself when it is a working day, else the next one. */
  nextWorkingDay(d: CivilDate): CivilDate;
}

/** Sources are asked in order; the first with an opinion wins. */
export function createWorkCalendar(sources: readonly CalendarSource[], knowsYear: (year: number) => boolean = () => true): WorkCalendar {
  function isWorkingDay(d: CivilDate): boolean {
    const key = dateKey(d);
    for (const s of sources) {
      const v = s.isWorkday(key);
      if (v !== null) return v;
    }
    return weekdayOf(d) <= 5;
  }
  return {
    knowsYear,
    isWorkingDay,
    nextWorkingDay(d) {
      let day = d;
      // The longest official break (Spring Festival) is nine days; a year bounds any bad data.
      for (let i = 0; i < 366 && !isWorkingDay(day); i++) day = addDays(day, 1);
      return day;
    },
  };
}

/** 21:00–08:00: nudges wait; meeting reminders do not. */
export function isQuietHour(hour: number): boolean {
  return hour >= 21 || hour < 8;
}
