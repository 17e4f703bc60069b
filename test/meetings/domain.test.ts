import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  createWorkCalendar,
  decideVote,
  decideNudge,
  dueMeetingActions,
  instantOf,
  isoWeekKey,
  kindFromTitle,
  monthlyInspectionDue,
  overrideSource,
  parseOverrides,
  parseWhen,
  splitTitlePlace,
  summarise,
  tally,
  weeklyDigestDue,
  type CalendarSource,
} from '../../src/domain/meetings/index.js';

const TZ = 'Asia/Shanghai';
// Tuesday 2026-12-01 10:00 in Beijing.
const NOW = new Date('2026-12-01T02:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseWhen', () => {
  const cases: [string, string, string][] = [
    ['明天下午3点 村民恳谈会', '2026-12-02T07:00:00.000Z', '村民恳谈会'],
    ['周五 14:30 座谈会', '2026-12-04T06:30:00.000Z', '座谈会'],
    ['12月3日上午9点 党员大会 @村委会', '2026-12-03T01:00:00.000Z', '党员大会 @村委会'],
    ['2026-12-03 09:00 理事会会议', '2026-12-03T01:00:00.000Z', '理事会会议'],
    ['下周三晚上7点半 村民代表会议', '2026-12-09T11:30:00.000Z', '村民代表会议'],
    ['后天 下午三点一刻 恳谈', '2026-12-03T07:15:00.000Z', '恳谈'],
    ['今晚8点 联席会议', '2026-12-01T12:00:00.000Z', '联席会议'],
    ['1月5日上午10点 座谈会', '2027-01-05T02:00:00.000Z', '座谈会'],
    ['周二 9:00 恳谈会', '2026-12-01T01:00:00.000Z', '恳谈会'],
  ];
  it.each(cases)('%s', (text, at, rest) => {
    const r = parseWhen(text, NOW, TZ);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(iso(r.at)).toBe(at);
    expect(r.rest).toBe(rest);
    expect(r.ambiguity).toBeNull();
  });

  it('flags an hour without morning or afternoon and reads it as the likelier one', () => {
    const r = parseWhen('明天3点 恳谈会', NOW, TZ);
    expect(r).toEqual({ ok: true, at: Date.parse('2026-12-02T07:00:00Z'), rest: '恳谈会', ambiguity: 'hour-without-period' });
  });

  it('refuses what is not a time', () => {
    expect(parseWhen('村民恳谈会', NOW, TZ)).toEqual({ ok: false, error: 'no-date' });
    expect(parseWhen('明天 恳谈会', NOW, TZ)).toEqual({ ok: false, error: 'no-time' });
    expect(parseWhen('2026-02-30 09:00 恳谈会', NOW, TZ)).toEqual({ ok: false, error: 'bad-date' });
    expect(parseWhen('明天 25:00 恳谈会', NOW, TZ)).toEqual({ ok: false, error: 'bad-time' });
  });

  it('splits title and place', () => {
    expect(splitTitlePlace('党员大会 @村委会议室')).toEqual({ title: '党员大会', place: '村委会议室' });
    expect(splitTitlePlace('党员大会')).toEqual({ title: '党员大会', place: null });
  });

  it('converts wall clocks in other zones too', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump to 03:30).
    expect(iso(instantOf({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'America/New_York'))).toBe('2026-07-01T13:00:00.000Z');
    expect(iso(instantOf({ year: 2026, month: 1, day: 1, hour: 9, minute: 0 }, 'America/New_York'))).toBe('2026-01-01T14:00:00.000Z');
  });
});

describe('kinds, attendance and grading', () => {
  it('reads the kind from the title', () => {
    expect(kindFromTitle('温泉村村民恳谈会')).toBe('talk');
    expect(kindFromTitle('规划座谈')).toBe('seminar');
    expect(kindFromTitle('理事会会议')).toBe('council');
    expect(kindFromTitle('村民代表会议审议规划')).toBe('representatives');
    expect(kindFromTitle('党员大会')).toBe('party');
    expect(kindFromTitle('市镇村联席会议')).toBe('joint');
    expect(kindFromTitle('规划讨论')).toBeNull();
  });

  it('summarises attendance by name', () => {
    const s = summarise(
      [
        { name: '王海', status: 'late', proxy: false, reason: null },
        { name: '张卫东', status: 'signed', proxy: false, reason: null },
        { name: '李秀英', status: 'signed', proxy: true, reason: null },
        { name: '普丽', status: 'leave', proxy: false, reason: '外出' },
        { name: '杨建国', status: 'invited', proxy: false, reason: null },
      ],
      12,
    );
    expect(s).toEqual({
      signed: ['李秀英', '张卫东'],
      late: ['王海'],
      leave: [{ name: '普丽', reason: '外出' }],
      absent: ['杨建国'],
      proxied: ['李秀英'],
      villagers: 12,
      present: 15,
    });
  });

  it('tallies votes', () => {
    expect(tally(['yes', 'yes', 'no'])).toEqual({ yes: 2, no: 1, abstain: 0 });
    expect(tally(['yes', 'abstain'])).toEqual({ yes: 1, no: 0, abstain: 1 });
    expect(tally([])).toEqual({ yes: 0, no: 0, abstain: 0 });
  });

  it('decides a vote by the meeting\'s rules: two thirds present, then a majority of all members or of those present', () => {
    const f = (expected: number, present: number, yes: number) => ({ expected, present, yes, no: 0, abstain: present - yes });
    // 党员大会: more than half of ALL members.
    expect(decideVote('party', f(6, 4, 4))).toEqual({ outcome: 'adopted', quorum: 4, needed: 4 });
    expect(decideVote('party', f(6, 4, 3))).toEqual({ outcome: 'rejected', quorum: 4, needed: 4 });
    expect(decideVote('party', f(6, 3, 3))).toEqual({ outcome: 'invalid', quorum: 4, needed: 4 });
    expect(decideVote('party', f(5, 3, 3)).outcome).toBe('invalid'); // 3 of 5 is less than two thirds
    expect(decideVote('party', f(5, 4, 3))).toEqual({ outcome: 'adopted', quorum: 4, needed: 3 });
    expect(decideVote('party', f(0, 0, 0)).outcome).toBe('invalid');
    // 村民代表会议: more than half of those present; a tie is not more than half.
    expect(decideVote('representative', f(6, 4, 2))).toEqual({ outcome: 'rejected', quorum: 4, needed: 3 });
    expect(decideVote('representative', f(6, 4, 3))).toEqual({ outcome: 'adopted', quorum: 4, needed: 3 });
    expect(decideVote('representative', f(6, 3, 3)).outcome).toBe('invalid');
    expect(decideVote('representative', f(9, 6, 4))).toEqual({ outcome: 'adopted', quorum: 6, needed: 4 });
  });
});

describe('meeting schedule', () => {
  const start = Date.parse('2026-12-03T01:00:00Z');
  const m = { status: 'scheduled' as const, createdAt: Date.parse('2026-12-01T02:00:00Z'), startsAt: start, signinOpensAt: start - 15 * 60_000, signinClosesAt: start + 30 * 60_000 };
  const at = (minutesFromStart: number) => start + minutesFromStart * 60_000;
  it('is due at the right minutes and never twice', () => {
    expect(dueMeetingActions(m, new Set(), at(-24 * 60 - 1))).toEqual([]);
    expect(dueMeetingActions(m, new Set(), at(-24 * 60))).toEqual(['remind-24h']);
    expect(dueMeetingActions(m, new Set(['remind-24h']), at(-61))).toEqual([]);
    expect(dueMeetingActions(m, new Set(['remind-24h']), at(-60))).toEqual(['remind-1h']);
    expect(dueMeetingActions(m, new Set(['remind-24h', 'remind-1h']), at(-15))).toEqual(['open']);
    expect(dueMeetingActions({ ...m, status: 'open' }, new Set(['remind-24h', 'remind-1h', 'open']), at(29))).toEqual([]);
    expect(dueMeetingActions({ ...m, status: 'open' }, new Set(['remind-24h', 'remind-1h', 'open']), at(30))).toEqual(['close']);
  });
  it('skips reminders whose moment passed before the meeting was scheduled', () => {
    expect(dueMeetingActions({ ...m, createdAt: at(-120) }, new Set(), at(-60))).toEqual(['remind-1h']);
    expect(dueMeetingActions({ ...m, createdAt: at(-30) }, new Set(), at(-15))).toEqual(['open']);
  });
  it('drops an hour-before reminder not sent by the time sign-in opens (no 「1 小时后」 ten minutes before)', () => {
    expect(dueMeetingActions(m, new Set(['remind-24h']), at(-16))).toEqual(['remind-1h']);
    expect(dueMeetingActions(m, new Set(['remind-24h']), at(-10))).toEqual(['open']);
  });
});

describe('official calendar', () => {
  const official: CalendarSource = { isWorkday: (d) => chineseDays.isWorkday(d) };
  const cal = createWorkCalendar([official]);
  it('moves a holiday Monday digest to the next working day', () => {
    // 2026-10-05 is a National Day holiday Monday; 10-06 and 10-07 too; Thursday 10-08 works.
    expect(weeklyDigestDue(Date.parse('2026-10-05T01:00:00Z'), TZ, cal)).toBeNull();
    const d = weeklyDigestDue(Date.parse('2026-10-08T01:00:00Z'), TZ, cal);
    expect(d && { key: d.key, at: iso(d.at), from: iso(d.from), to: iso(d.to) }).toEqual({
      key: '2026-W41',
      at: '2026-10-08T01:00:00.000Z',
      from: '2026-09-27T16:00:00.000Z',
      to: '2026-10-04T16:00:00.000Z',
    });
    // Spring Festival 2026: Monday 02-16 to Monday 02-23 off; week 8 has no working day left.
    expect(weeklyDigestDue(Date.parse('2026-02-22T01:00:00Z'), TZ, cal)).toBeNull();
    expect(weeklyDigestDue(Date.parse('2026-02-24T01:00:00Z'), TZ, cal)?.key).toBe('2026-W09');
  });
  it('counts a make-up Sunday (补班) as a working day for the monthly inspection', () => {
    // 2026-01-01..03 New Year; Sunday 01-04 is a make-up working day.
    const d = monthlyInspectionDue(Date.parse('2026-01-04T01:00:00Z'), TZ, cal);
    expect(d && { key: d.key, at: iso(d.at) }).toEqual({ key: '2025-12', at: '2026-01-04T01:00:00.000Z' });
    expect(monthlyInspectionDue(Date.parse('2026-01-03T05:00:00Z'), TZ, cal)).toBeNull();
    // A week late it is skipped rather than sent stale.
    expect(monthlyInspectionDue(Date.parse('2026-01-11T01:00:00Z'), TZ, cal)).toBeNull();
  });
  it('lets a local override file win over the data source', () => {
    const overrides = parseOverrides({ holidays: ['2027-01-04'], workdays: ['2026-10-05'] });
    expect('error' in overrides).toBe(false);
    const withOverride = createWorkCalendar([overrideSource(overrides as object), official]);
    expect(withOverride.isWorkingDay({ year: 2027, month: 1, day: 4 })).toBe(false);
    expect(withOverride.isWorkingDay({ year: 2026, month: 10, day: 5 })).toBe(true);
    expect(parseOverrides({ holidays: ['4 Jan'] })).toEqual({ error: '"holidays" must be an array of dates written YYYY-MM-DD' });
  });
  it('names ISO weeks', () => {
    expect(isoWeekKey({ year: 2026, month: 12, day: 7 })).toBe('2026-W50');
    expect(isoWeekKey({ year: 2027, month: 1, day: 1 })).toBe('2026-W53');
  });
});

describe('nudges', () => {
  const joined = Date.parse('2026-11-01T02:00:00Z');
  const base = { joinedAt: joined, missing: ['talk' as const], lastActivityAt: null, history: [], paused: false };
  const at = (week: string, month: string, quarter: string) => ({ week, month, quarter });
  const sent = (p: ReturnType<typeof at>, sentAt: number) => ({ ...p, sentAt, escalated: false });
  it('waits 30 days, then at most once a month and three times a quarter, and escalates after three unanswered', () => {
    const dec = at('2026-W49', '2026-12', '2026-Q4');
    expect(decideNudge(base, joined + 29 * 86_400_000, dec).nudge).toBe(false);
    expect(decideNudge(base, joined + 30 * 86_400_000, dec)).toEqual({ nudge: true, escalate: false, unanswered: 0 });
    const once = [sent(at('2026-W49', '2026-12', '2026-Q4'), joined + 31e8)];
    expect(decideNudge({ ...base, history: once }, joined + 40e8, at('2026-W51', '2026-12', '2026-Q4')).nudge).toBe(false);
    expect(decideNudge({ ...base, history: once }, joined + 60e8, at('2027-W02', '2027-01', '2027-Q1')).nudge).toBe(true);
    const history = [sent(at('a', '2027-01', '2027-Q1'), joined + 50e8), sent(at('b', '2027-02', '2027-Q1'), joined + 60e8), sent(at('c', '2027-03', '2027-Q1'), joined + 70e8)];
    // Three in the quarter already: the fourth month of it would be too many even with room in the month.
    expect(decideNudge({ ...base, history }, joined + 75e8, at('d', '2027-03x', '2027-Q1'), { graceDays: 30, perMonth: 2, perQuarter: 3, escalateAfter: 3 }).nudge).toBe(false);
    expect(decideNudge({ ...base, history }, joined + 80e8, at('e', '2027-04', '2027-Q2'))).toEqual({ nudge: true, escalate: true, unanswered: 3 });
    expect(decideNudge({ ...base, history, lastActivityAt: joined + 65e8 }, joined + 80e8, at('e', '2027-04', '2027-Q2'))).toEqual({ nudge: true, escalate: false, unanswered: 1 });
    expect(decideNudge({ ...base, missing: [] }, joined + 80e8, at('e', '2027-04', '2027-Q2')).nudge).toBe(false);
    expect(decideNudge({ ...base, paused: true }, joined + 80e8, at('e', '2027-04', '2027-Q2')).nudge).toBe(false);
  });
});
