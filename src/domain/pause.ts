import { addDays, compareDates, dateKey, isValidDate, type CivilDate } from './zoned-time.js';

/** A pause longer than this is more likely a typo in the year than a secondment. */
export const MAX_PAUSE_DAYS = 366;

export type PauseRequest = { ok: true; name: string | null; until: CivilDate; reason: string | null } | { ok: false; error: 'usage' | 'bad-date' | 'past' | 'too-far' };

const FULL = /(?:至|到|until)?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/u;
const SHORT = /(?:至|到)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/u;

/**
 * 「至 2027-01-31 借调省里」, 「王海 至 2027-01-31 借调」, 「到1月31日」: an optional name before the
 * date, an optional reason after it. A date without a year is the next one to come.
 */
export function parsePause(args: string, today: CivilDate): PauseRequest {
  const text = args.trim();
  let m = FULL.exec(text);
  let until: CivilDate | null = null;
  if (m) until = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  else {
    m = SHORT.exec(text);
    if (m) {
      until = { year: today.year, month: Number(m[1]), day: Number(m[2]) };
      if (isValidDate(until) && compareDates(until, today) < 0) until = { ...until, year: today.year + 1 };
    }
  }
  if (!m || !until) return { ok: false, error: 'usage' };
  if (!isValidDate(until)) return { ok: false, error: 'bad-date' };
  if (compareDates(until, today) < 0) return { ok: false, error: 'past' };
  if (compareDates(until, addDays(today, MAX_PAUSE_DAYS)) > 0) return { ok: false, error: 'too-far' };
  const name = text.slice(0, m.index).replace(/[\s,，:：]+$/u, '').trim();
  const reason = text.slice(m.index + m[0].length).replace(/^[\s,，:：]+/u, '').trim();
  return { ok: true, name: name || null, until, reason: reason || null };
}

/** A pause is on through its last day. */
export function isPausedOn(until: string | null | undefined, today: CivilDate): boolean {
  return until != null && until >= dateKey(today);
}

/** 请假 text that is really about a stretch of time away, which 暂停 handles. */
export function soundsLikePause(reason: string): boolean {
  return /暂停|借调|挂职|住院|长期|一段时间|不参加|停止参加/u.test(reason);
}
