import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { officialCalendar } from '../../src/bot/engine/scheduler/calendar.js';
import { fixedClock, testBot, type TestBot } from '../support/bot.js';

async function inspections(bot: TestBot) {
  return (await bot.store.db.select().from(outbox).orderBy(outbox.id)).filter((r) => r.key.startsWith('inspect:month:')).map((r) => r.key);
}

async function healthz(bot: TestBot) {
  return (await (await bot.app.request('/healthz')).json()) as { calendar?: { missingYears: number[]; warning: string } };
}

// The packaged calendar (chinese-days 1.5.7) stops at 2026, which is the case this guards against.
describe('a year the holiday package does not know', () => {
  it('warns in /healthz and holds 月督查 back from 元旦', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    expect(await healthz(bot)).toMatchObject({
      calendar: {
        missingYears: [2027],
        warning:
          'no holiday data for 2027: digests and nudges skip only the fixed-date holidays (1 Jan, 1-5 May, 1-7 Oct) until CALENDAR_OVERRIDES supplies the year (docs/DEPLOY.md)',
      },
    });

    // Friday 2027-01-01 09:00 in Beijing: a holiday, so nothing; Saturday and Sunday are weekend.
    for (const at of ['2027-01-01T01:00:00Z', '2027-01-02T01:00:00Z', '2027-01-03T01:00:00Z']) {
      bot.clock.set(at);
      await bot.tick(new Date(at));
    }
    expect(await inspections(bot)).toEqual([]);
    bot.clock.set('2027-01-04T01:00:00Z');
    await bot.tick(new Date('2027-01-04T01:00:00Z'));
    expect(await inspections(bot)).toEqual([
      'inspect:month:2026-12:local:jiangcheng-station',
      'inspect:month:2026-12:local:jiangchuan-station',
      'inspect:month:2026-12:local:lvzhi-station',
      'inspect:month:2026-12:local:taskforce',
    ]);
  });

  it('falls back on the fixed-date holidays only, and stops warning once the overrides carry the year', async () => {
    const fallback = officialCalendar(undefined, (y) => y <= 2026);
    const day = (s: string) => {
      const [year, month, d] = s.split('-').map(Number) as [number, number, number];
      return fallback.isWorkingDay({ year, month, day: d });
    };
    expect(['2027-01-01', '2027-05-03', '2027-05-05', '2027-10-01', '2027-10-07'].map(day)).toEqual([false, false, false, false, false]);
    expect(['2027-01-04', '2027-05-06', '2027-10-08'].map(day)).toEqual([true, true, true]);
    // A known year keeps its official calendar: 2026-05-05 was a holiday, 2026-05-09 a make-up working Saturday.
    expect(['2026-05-05', '2026-05-09', '2026-10-09'].map(day)).toEqual([false, true, true]);

    const overrides = { holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-01-02'] };
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z'), calendar: officialCalendar(overrides) });
    expect((await healthz(bot)).calendar).toBeUndefined();
    bot.clock.set('2027-01-02T01:00:00Z');
    await bot.tick(new Date('2027-01-02T01:00:00Z'));
    // The override makes Saturday 2 January a working day, so the inspection goes out then.
    expect((await inspections(bot)).length).toBe(4);
  });
});
