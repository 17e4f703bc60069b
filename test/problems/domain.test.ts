import { describe, expect, it } from 'vitest';
import { countProblems, isOverdue, medianDays, parseDeadline, parseProblemRef, parseVerdict, withoutLinks } from '../../src/domain/problems/index.js';

const TODAY = { year: 2026, month: 12, day: 1 };
const DAY = 86_400_000;

describe('problem rules', () => {
  it('reads deadlines as people write them, against today', () => {
    const ok = (text: string) => parseDeadline(text, TODAY);
    expect(ok('2027-01-31')).toEqual({ ok: true, date: '2027-01-31' });
    expect(ok('2027年1月31日')).toEqual({ ok: true, date: '2027-01-31' });
    expect(ok('12月20日')).toEqual({ ok: true, date: '2026-12-20' });
    expect(ok('12月20号前')).toEqual({ ok: true, date: '2026-12-20' });
    expect(ok('1月5日')).toEqual({ ok: true, date: '2027-01-05' });
    expect(ok('月底')).toEqual({ ok: true, date: '2026-12-31' });
    expect(ok('月底前')).toEqual({ ok: true, date: '2026-12-31' });
    expect(ok('下月底')).toEqual({ ok: true, date: '2027-01-31' });
    expect(parseDeadline('下个月底', { year: 2027, month: 1, day: 10 })).toEqual({ ok: true, date: '2027-02-28' });
    expect(ok('年底')).toEqual({ ok: true, date: '2026-12-31' });
    expect(ok('10天内')).toEqual({ ok: true, date: '2026-12-11' });
    expect(ok('期限：2026-12-01')).toEqual({ ok: true, date: '2026-12-01' });
    expect(ok('2027-02-30')).toEqual({ ok: false, error: 'bad-date' });
    expect(ok('2026-11-30')).toEqual({ ok: false, error: 'past' });
    expect(ok('2028-12-31')).toEqual({ ok: false, error: 'too-far' });
    expect(ok('尽快')).toEqual({ ok: false, error: 'unreadable' });
    expect(ok('12月20日 加急')).toEqual({ ok: false, error: 'unreadable' });
  });

  it('reads 问题#N, the verdict and a deed’s words without its links', () => {
    expect(parseProblemRef('问题#3 王海 月底')).toEqual({ seq: 3, rest: '王海 月底' });
    expect(parseProblemRef('问题 ＃12：满意')).toEqual({ seq: 12, rest: '满意' });
    expect(parseProblemRef('#7')).toEqual({ seq: 7, rest: '' });
    expect(parseProblemRef('建议#3 满意')).toBeNull();
    expect(parseProblemRef('问题#3x')).toBeNull();
    expect(parseVerdict('满意')).toEqual({ verdict: 'satisfied', comment: null });
    expect(parseVerdict('基本满意，灯有点暗')).toEqual({ verdict: 'mostly', comment: '灯有点暗' });
    expect(parseVerdict('不满意：还是堵')).toEqual({ verdict: 'unsatisfied', comment: '还是堵' });
    expect(parseVerdict('很好')).toBeNull();
    expect(withoutLinks('修好了村口路灯 回应问题#1')).toBe('修好了村口路灯');
    expect(withoutLinks('回应问题#1')).toBe('回应问题#1');
  });

  it('counts problems by where they stand, overdue after the deadline’s last day, and the median days to close', () => {
    expect(isOverdue('assigned', '2026-11-30', '2026-12-01')).toBe(true);
    expect(isOverdue('in_progress', '2026-12-01', '2026-12-01')).toBe(false);
    expect(isOverdue('resolved', '2026-11-30', '2026-12-01')).toBe(false);
    expect(isOverdue('assigned', null, '2026-12-01')).toBe(false);
    expect(medianDays([])).toBeNull();
    expect(medianDays([DAY, 3 * DAY, 10 * DAY])).toBe(3);
    expect(medianDays([DAY, 2 * DAY])).toBe(1.5);
    const row = (status: string, deadline: string | null = null, took: number | null = null) => ({ status, deadline, createdAt: 0, closedAt: took === null ? null : took });
    expect(
      countProblems([row('open'), row('assigned', '2026-11-30'), row('in_progress', '2026-12-05'), row('resolved', '2026-11-01', 4 * DAY), row('confirmed', null, 2 * DAY)], '2026-12-01'),
    ).toEqual({ open: 1, working: 2, overdue: 1, closed: 2, confirmed: 1, medianDays: 3 });
  });
});
