import { describe, expect, it } from 'vitest';
import { givingWay, planNudges, type NudgePlanner } from '../../src/bot/features/core/nudge-plan.js';
import { nudges } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });
const at = (iso: string) => new Date(iso).getTime();

/** A bot whose reminder planner records the instants (as Beijing HH:MM) it was asked at. */
async function watched() {
  const asked: string[] = [];
  let bot: TestBot | undefined;
  const planner: NudgePlanner = (q) => {
    asked.push(new Date(q.now + 8 * 3600_000).toISOString().slice(11, 16));
    return planNudges(bot!.store.db, q, givingWay);
  };
  bot = await testBot({ clock: fixedClock('2026-10-01T02:00:00Z'), deps: { planNudges: planner } });
  await say(bot, privately(DEMO.zhang), '帮助');
  return { bot, asked };
}

async function everyMinute(bot: TestBot, fromIso: string, toIso: string) {
  for (let t = at(fromIso); t <= at(toIso); t += 60_000) {
    bot.clock.set(new Date(t).toISOString());
    await bot.tick(new Date(t));
  }
}

describe('how often the roster is read for reminders', () => {
  it('once in ten minutes of the reminder window, from its first tick, and never in quiet hours', async () => {
    const { bot, asked } = await watched();
    // 2026-11-02 is a Monday; reminders may go out from 08:00 Beijing time (00:00Z).
    await everyMinute(bot, '2026-11-01T23:55:00Z', '2026-11-02T00:31:00Z');
    expect(asked).toEqual(['08:00', '08:10', '08:20', '08:30']);
    // Those due were reminded at the window's first tick, once each (王海 has no private chat:
    // counted in the village's line, named to the leader in private).
    expect((await bot.store.db.select().from(nudges)).map((n) => [n.personId, n.sentAt])).toEqual([
      ['demo-cadre-wang', at('2026-11-02T00:00:00Z')],
      ['demo-cadre-zhang', at('2026-11-02T00:00:00Z')],
    ]);
  });

  it('reads at once in a new process, and when the clock is set back', async () => {
    const { bot, asked } = await watched();
    await everyMinute(bot, '2026-11-02T02:00:00Z', '2026-11-02T02:02:00Z');
    await everyMinute(bot, '2026-11-02T01:00:00Z', '2026-11-02T01:01:00Z');
    expect(asked).toEqual(['10:00', '09:00']);
    const restarted = await watched();
    await everyMinute(restarted.bot, '2026-11-02T02:05:00Z', '2026-11-02T02:05:00Z');
    expect(restarted.asked).toEqual(['10:05']);
  });
});
