import { addDays, compareDates, dateKey, isValidDate, type CivilDate } from '../zoned-time.js';

/** A deadline further out than this is more likely a typo in the year than a plan. */
export const MAX_DEADLINE_DAYS = 366;

export type DeadlineResult = { ok: true; date: string } | { ok: false; error: 'unreadable' | 'bad-date' | 'past' | 'too-far' };

function lastDayOf(year: number, month: number): CivilDate {
  const t = new Date(Date.UTC(year, month, 0));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * Deadlines as people write them, read against today's date in the bot's zone: 2027-01-31,
 * 2027年1月31日, 12月20日 (the next one to come), 月底, 下月底, 年底, 10天内. A trailing 前 or 之前
 * is the same day. The whole text must be the deadline: anything else is unreadable.
 */
export function parseDeadline(text: string, today: CivilDate): DeadlineResult {
  const t = text.trim().replace(/^(?:期限|截止|限)[:：\s]*/u, '').replace(/(?:之前|以前|前)$/u, '').trim();
  let date: CivilDate | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/u.exec(t))) {
    date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  } else if ((m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/u.exec(t))) {
    date = { year: today.year, month: Number(m[1]), day: Number(m[2]) };
    if (isValidDate(date) && compareDates(date, today) < 0) date = { ...date, year: today.year + 1 };
  } else if (/^(?:本月底|月底|月末)$/u.test(t)) {
    date = lastDayOf(today.year, today.month);
  } else if (/^下(?:个)?月(?:底|末)$/u.test(t)) {
    date = lastDayOf(today.month === 12 ? today.year + 1 : today.year, today.month === 12 ? 1 : today.month + 1);
  } else if (/^(?:年底|年末|今年底)$/u.test(t)) {
    date = { year: today.year, month: 12, day: 31 };
  } else if ((m = /^(\d{1,3})\s*天(?:内|之内)?$/u.exec(t))) {
    date = addDays(today, Number(m[1]));
  }
  if (!date) return { ok: false, error: 'unreadable' };
  if (!isValidDate(date)) return { ok: false, error: 'bad-date' };
  if (compareDates(date, today) < 0) return { ok: false, error: 'past' };
  if (compareDates(date, addDays(today, MAX_DEADLINE_DAYS)) > 0) return { ok: false, error: 'too-far' };
  return { ok: true, date: dateKey(date) };
}
