import {
  addDays,
  civilDateOf,
  compareDates,
  instantOf,
  isValidDate,
  wallClockOf,
  weekdayOf,
  type CivilDate,
  type Weekday,
} from '../zoned-time.js';

/**
 * Meeting times the way people type them: 明天下午3点, 周五 14:30, 12月3日上午9点,
 * 2026-12-03 09:00, 下周三晚上7点半. Read in the bot's zone against `now`; whatever follows the
 * time is the rest of the command (the title and place).
 */
export type ParsedWhen =
  | {
      ok: true;
      at: number;
      /** Text after the time. */
      rest: string;
      /** Why the reading may not be what was meant; the organiser is asked to confirm. */
      ambiguity: 'hour-without-period' | null;
    }
  | { ok: false; error: 'no-date' | 'no-time' | 'bad-date' | 'bad-time' };

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUM = '(?:\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';

/** 3, 十二, 二十五, 三十: numbers up to 59 in digits or Chinese. */
function numberOf(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s);
  const ten = s.indexOf('十');
  if (ten === -1) return s.length === 1 && s in CN_DIGITS ? CN_DIGITS[s]! : null;
  const tens = ten === 0 ? 1 : CN_DIGITS[s.slice(0, ten)];
  const onesText = s.slice(ten + 1);
  const ones = onesText === '' ? 0 : CN_DIGITS[onesText];
  if (tens === undefined || ones === undefined || (ten > 1) || onesText.length > 1) return null;
  return tens * 10 + ones;
}

const WEEKDAYS: Record<string, Weekday> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const RELATIVE_DAYS: [RegExp, number][] = [
  [/^大后天/u, 3],
  [/^后天/u, 2],
  [/^(?:明天|明日|明(?=[早晚]))/u, 1],
  [/^(?:今天|今日)/u, 0],
];

type Period = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';
const PERIODS: [RegExp, Period][] = [
  [/^(?:上午|早上|早晨|清晨|早)/u, 'morning'],
  [/^凌晨/u, 'night'],
  [/^中午/u, 'noon'],
  [/^(?:下午|午后)/u, 'afternoon'],
  [/^(?:傍晚|晚上|晚间|夜里|晚)/u, 'evening'],
];

interface DatePart {
  date: CivilDate;
  length: number;
  /** 今晚 carries its own period. */
  period?: Period;
}

function readDate(text: string, today: CivilDate): DatePart | { error: 'bad-date' } | null {
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/u.exec(text);
  if (m) {
    const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    return isValidDate(date) ? { date, length: m[0].length } : { error: 'bad-date' };
  }
  m = new RegExp(`^(${NUM})\\s*月\\s*(${NUM})\\s*[日号]`, 'u').exec(text);
  if (m) {
    const month = numberOf(m[1]!);
    const day = numberOf(m[2]!);
    if (month === null || day === null) return { error: 'bad-date' };
    let date = { year: today.year, month, day };
    if (!isValidDate(date)) return { error: 'bad-date' };
    // 1月5日 said in December means next January.
    if (compareDates(date, today) < 0 && today.month - month >= 6) date = { ...date, year: today.year + 1 };
    return { date, length: m[0].length };
  }
  if (text.startsWith('今晚')) return { date: today, length: 2, period: 'evening' };
  if (text.startsWith('今早')) return { date: today, length: 2, period: 'morning' };
  for (const [re, days] of RELATIVE_DAYS) {
    const r = re.exec(text);
    if (r) return { date: addDays(today, days), length: r[0].length };
  }
  m = /^(下下个?|下个?|这个?|本)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])/u.exec(text);
  if (m) {
    const target = WEEKDAYS[m[2]!]!;
    const prefix = m[1] ?? '';
    const monday = addDays(today, 1 - weekdayOf(today));
    let date: CivilDate;
    if (prefix.startsWith('下下')) date = addDays(monday, 14 + target - 1);
    else if (prefix.startsWith('下')) date = addDays(monday, 7 + target - 1);
    else if (prefix) date = addDays(monday, target - 1);
    else {
      // A bare 周五 is the coming Friday: today when today is Friday.
      const ahead = (target - weekdayOf(today) + 7) % 7;
      date = addDays(today, ahead);
    }
    return { date, length: m[0].length };
  }
  return null;
}

interface TimePart {
  hour: number;
  minute: number;
  length: number;
  ambiguity: 'hour-without-period' | null;
}

function readTime(text: string, dayPeriod: Period | undefined): TimePart | { error: 'bad-time' } | null {
  let pos = 0;
  let period = dayPeriod;
  for (const [re, p] of PERIODS) {
    const r = re.exec(text);
    if (r) {
      period = p;
      pos = r[0].length;
      break;
    }
  }
  const rest = text.slice(pos).replace(/^\s+/u, '');
  pos = text.length - rest.length;
  let hour: number | null;
  let minute = 0;
  let clockForm = false;
  let m = /^(\d{1,2})\s*[:：]\s*(\d{2})/u.exec(rest);
  if (m) {
    hour = Number(m[1]);
    minute = Number(m[2]);
    clockForm = true;
  } else {
    // The minute must touch the hour and end where the time ends: in 「3点 三级联席会议」 and
    // 「3点三级联席会议」 the 三 begins the title, it is not three minutes past.
    m = new RegExp(`^(${NUM})\\s*[点时](?:(半|一刻|三刻)|(${NUM})分|(${NUM})(?=$|[\\s,，:：@＠]))?`, 'u').exec(rest);
    if (!m) return period && pos > 0 ? { error: 'bad-time' } : null;
    hour = numberOf(m[1]!);
    if (m[2] === '半') minute = 30;
    else if (m[2] === '一刻') minute = 15;
    else if (m[2] === '三刻') minute = 45;
    else if (m[3] ?? m[4]) minute = numberOf((m[3] ?? m[4])!) ?? -1;
  }
  if (hour === null || hour > 24 || minute < 0 || minute > 59) return { error: 'bad-time' };
  let ambiguity: TimePart['ambiguity'] = null;
  if (period === 'afternoon' || period === 'evening') {
    if (hour < 12) hour += 12;
  } else if (period === 'noon') {
    if (hour < 6) hour += 12;
  } else if (period === undefined && !clockForm && hour >= 1 && hour <= 11) {
    // "3点" alone: afternoon is the likelier meeting time, but say so and ask.
    if (hour <= 6) hour += 12;
    ambiguity = 'hour-without-period';
  }
  if (hour === 24) hour = 0;
  return { hour, minute, length: pos + m[0].length, ambiguity };
}

export function parseWhen(input: string, now: Date, timeZone: string): ParsedWhen {
  const text = input.trim();
  const today = civilDateOf(now, timeZone);
  const date = readDate(text, today);
  if (date && 'error' in date) return { ok: false, error: date.error };
  const afterDate = date ? text.slice(date.length).replace(/^[\s,，]+/u, '') : text;
  const time = readTime(afterDate, date?.period);
  if (time && 'error' in time) return { ok: false, error: time.error };
  if (!date && !time) return { ok: false, error: 'no-date' };
  if (!time) return { ok: false, error: 'no-time' };
  let day = date?.date;
  if (!day) {
    // A time alone is today, or tomorrow when it has already passed.
    const nowWall = wallClockOf(now, timeZone);
    const passed = time.hour * 60 + time.minute <= nowWall.hour * 60 + nowWall.minute;
    day = passed ? addDays(today, 1) : today;
  }
  const at = instantOf({ ...day, hour: time.hour, minute: time.minute }, timeZone);
  const rest = afterDate.slice(time.length).replace(/^[\s,，:：]+/u, '').trim();
  return { ok: true, at, rest, ambiguity: time.ambiguity };
}

/** "村民恳谈会 @村委会议室" → title and place. */
export function splitTitlePlace(rest: string): { title: string; place: string | null } {
  const m = /^(.*?)\s*[@＠]\s*(.+)$/u.exec(rest.trim());
  if (!m) return { title: rest.trim(), place: null };
  return { title: m[1]!.trim(), place: m[2]!.trim() || null };
}
