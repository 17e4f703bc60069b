/**
 * Reporting periods. 本周 starts on Monday and 本月 on the 1st, both at local midnight in the bot's
 * time zone, because stations schedule weekly (周调度) and inspect monthly (月督查) by the local
 * calendar, not by UTC.
 */
export type Period = 'week' | 'month' | 'all';
export const PERIODS: readonly Period[] = ['week', 'month', 'all'];

export const PERIOD_WORDS: Record<Period, string> = { week: '本周', month: '本月', all: '全部' };

export interface PeriodRange {
  period: Period;
  /** Inclusive start, epoch ms (0 for 全部). */
  from: number;
  /** Exclusive end, epoch ms: the end of the week or month, or just after `now` for 全部. */
  to: number;
}

export function parsePeriodWord(word: string): Period | null {
  for (const p of PERIODS) if (PERIOD_WORDS[p] === word) return p;
  const aliases: Record<string, Period> = { 这周: 'week', 这个月: 'month', 累计: 'all', 所有: 'all', week: 'week', month: 'month', all: 'all' };
  return aliases[word] ?? null;
}

export function periodRange(period: Period, now: Date, timeZone: string): PeriodRange {
  if (period === 'all') return { period, from: 0, to: now.getTime() + 1 };
  const { year, month, day, weekday } = localDate(now, timeZone);
  if (period === 'month') {
    const from = zonedMidnight(year, month, 1, timeZone);
    const to = month === 12 ? zonedMidnight(year + 1, 1, 1, timeZone) : zonedMidnight(year, month + 1, 1, timeZone);
    return { period, from, to };
  }
  // weekday: 1 = Monday … 7 = Sunday. Date.UTC normalises day underflow into the previous month.
  const monday = new Date(Date.UTC(year, month - 1, day - (weekday - 1)));
  const sunday = new Date(Date.UTC(year, month - 1, day - (weekday - 1) + 7));
  return {
    period,
    from: zonedMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone),
    to: zonedMidnight(sunday.getUTCFullYear(), sunday.getUTCMonth() + 1, sunday.getUTCDate(), timeZone),
  };
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) out[p.type] = p.value;
  return out;
}

export function localDate(at: Date, timeZone: string): LocalDate {
  const p = parts(at, timeZone);
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), weekday: WEEKDAYS[p.weekday ?? ''] ?? 1 };
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instant: number, timeZone: string): number {
  const p = parts(new Date(instant), timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight begins on a calendar date in the zone (two passes settle DST changes). */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}
