/**
 * Reporting periods. 本周 starts on Monday and 本月 on the 1st, both at local midnight in the bot's
 * time zone, because stations schedule weekly (周调度) and inspect monthly (月督查) by the local
 * calendar, not by UTC.
 */
import { addDays, civilDateOf, mondayOf, startOfDay } from '../zoned-time.js';

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
  const today = civilDateOf(now, timeZone);
  if (period === 'month') {
    const next = today.month === 12 ? { year: today.year + 1, month: 1 } : { year: today.year, month: today.month + 1 };
    return { period, from: startOfDay({ ...today, day: 1 }, timeZone), to: startOfDay({ ...next, day: 1 }, timeZone) };
  }
  const monday = mondayOf(today);
  return { period, from: startOfDay(monday, timeZone), to: startOfDay(addDays(monday, 7), timeZone) };
}
