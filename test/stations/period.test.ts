import { describe, expect, it } from 'vitest';
import { periodRange } from '../../src/domain/stats/index.js';

const TZ = 'Asia/Shanghai';
const iso = (ms: number) => new Date(ms).toISOString();

describe('periods in BOT_TIMEZONE', () => {
  it('starts 本周 on Monday at local midnight and 本月 on the 1st', () => {
    // Tuesday 2026-12-01 10:00 in Beijing.
    const now = new Date('2026-12-01T02:00:00Z');
    const week = periodRange('week', now, TZ);
    expect([iso(week.from), iso(week.to)]).toEqual(['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z']);
    const month = periodRange('month', now, TZ);
    expect([iso(month.from), iso(month.to)]).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(periodRange('all', now, TZ)).toEqual({ period: 'all', from: 0, to: now.getTime() + 1 });
  });

  it('puts Sunday 23:59 local in the week that began the Monday before, and Monday 00:00 in a new one', () => {
    const sundayLate = new Date('2026-12-06T15:59:00Z'); // Sunday 23:59 Beijing
    expect(iso(periodRange('week', sundayLate, TZ).from)).toBe('2026-11-29T16:00:00.000Z');
    const mondayMidnight = new Date('2026-12-06T16:00:00Z'); // Monday 00:00 Beijing, still Sunday in UTC
    expect(iso(periodRange('week', mondayMidnight, TZ).from)).toBe('2026-12-06T16:00:00.000Z');
  });

  it('crosses the year for December and follows daylight saving elsewhere', () => {
    const month = periodRange('month', new Date('2026-12-31T17:00:00Z'), TZ); // 1 Jan 2027 01:00 Beijing
    expect(iso(month.from)).toBe('2026-12-31T16:00:00.000Z');
    // New York springs forward on 8 March 2026: the week from Monday 9 March starts at 04:00Z (EDT).
    const ny = periodRange('week', new Date('2026-03-11T12:00:00Z'), 'America/New_York');
    expect(iso(ny.from)).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(periodRange('month', new Date('2026-03-11T12:00:00Z'), 'America/New_York').from)).toBe('2026-03-01T05:00:00.000Z');
  });
});
