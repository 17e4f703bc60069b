import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { nudges, outbox } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });

/** Ticks every hour between the two instants, inclusive. */
async function hourly(bot: TestBot, fromIso: string, toIso: string) {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 3600_000) {
    bot.clock.set(new Date(t).toISOString());
    await bot.tick(new Date(t));
  }
}

describe('reminder cadence per deployment', () => {
  it('reads NUDGE_* from the environment with the defaults, and refuses a bad value naming the variable', () => {
    expect(parseConfig({})).toMatchObject({ NUDGE_GRACE_DAYS: 30, NUDGES_PER_MONTH: 1, NUDGES_PER_QUARTER: 3, NUDGE_ESCALATE_AFTER: 3 });
    expect(parseConfig({ NUDGES_PER_MONTH: '0', NUDGE_GRACE_DAYS: '60' })).toMatchObject({ NUDGES_PER_MONTH: 0, NUDGE_GRACE_DAYS: 60 });
    expect(() => parseConfig({ NUDGES_PER_MONTH: 'weekly' })).toThrow(/NUDGES_PER_MONTH/u);
  });

  it('sends nothing when a deployment allows no reminders', async () => {
    const bot = await testBot({ clock: fixedClock('2026-11-02T00:00:00Z'), env: { NUDGES_PER_MONTH: '0' } });
    await say(bot, privately(DEMO.zhang), '帮助');
    await hourly(bot, '2026-11-02T00:00:00Z', '2026-11-04T00:00:00Z');
    expect(await bot.store.db.select().from(nudges)).toEqual([]);
    expect((await bot.store.db.select().from(outbox)).filter((r) => r.key.startsWith('nudge'))).toEqual([]);
  });
});

describe('fair reminders', () => {
  it('skips a paused cadre, and a leader who reviews after a reminder is not escalated', async () => {
    const bot = await testBot({ clock: fixedClock('2026-10-01T02:00:00Z'), env: { NUDGE_ESCALATE_AFTER: '1' } });
    await say(bot, privately(DEMO.zhang), '帮助');
    await say(bot, privately(DEMO.leader), '帮助');
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, privately(DEMO.wang), '暂停 至 2026-12-31 借调省里');
    // 11-02: 张卫东 and the leader are reminded; 王海 is paused (and now has a private chat).
    await hourly(bot, '2026-11-01T20:00:00Z', '2026-11-02T02:00:00Z');
    const first = (await bot.store.db.select().from(nudges)).map((n) => [n.personId, n.missing]);
    expect(first).toEqual([
      ['demo-cadre-zhang', '["talk","visit","deed","rule"]'],
      ['demo-leader', '["review:1"]'],
    ]);
    // The leader answers by reviewing; 张卫东 does nothing.
    bot.clock.set('2026-11-03T02:00:00Z');
    expect((await say(bot, DEMO.leader, '审核 建议#1 采纳 列入规划')).texts[0]).toContain('建议#1');
    await hourly(bot, '2026-11-30T20:00:00Z', '2026-12-01T02:00:00Z');
    const rows = await bot.store.db.select().from(nudges);
    // December: the leader has nothing waiting; 张卫东's second reminder is escalated, in private.
    expect(rows.map((n) => [n.personId, n.week, n.escalated])).toEqual([
      ['demo-cadre-zhang', '2026-W45', 0],
      ['demo-leader', '2026-W45', 0],
      ['demo-cadre-zhang', '2026-W49', 1],
    ]);
    // No station staff can be written to in private here: the station chat gets a count, no name.
    const sent = await bot.store.db.select().from(outbox);
    expect(sent.filter((r) => r.key.includes(':escalate:'))).toEqual([]);
    expect(sent.filter((r) => r.key.startsWith('nudge-station:')).map((r) => [r.chatId, JSON.parse(r.payload).text])).toEqual([
      ['jiangcheng-station', '江川区江城镇温泉村有 1 件需要联络站关注的事项。请联络站人员私聊我一次（发「帮助」即可），以后详情私信发给您。'],
    ]);
  });
});
