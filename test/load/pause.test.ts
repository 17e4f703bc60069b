import { describe, expect, it } from 'vitest';
import { outbox, pauses, personActivity } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot } from '../support/bot.js';

const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };
const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });

describe('pause and resume', () => {
  it('lets a cadre pause themself, shows 暂停 with the date in 统计, leaves them out of the rate, and ends early on 恢复', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    const db = bot.store.db;
    expect((await say(bot, privately(DEMO.wang), '暂停 至 2027-01-31 借调省里')).texts).toEqual([
      '已暂停 王海 至 2027-01-31（借调省里）：期间不发提醒，不计入五个一完成率。到期自动恢复，提前回来请发「恢复」。',
    ]);
    expect(await db.select().from(pauses)).toEqual([{ personId: 'demo-cadre-wang', until: '2027-01-31', reason: '借调省里', setBy: 'demo-cadre-wang', setAt: Date.parse('2026-12-01T02:00:00Z') }]);
    const report = (await say(bot, STATION, '统计 温泉村')).texts[0]!.split('\n');
    expect(report[1]).toBe('回乡干部 3 人：名册 3，已登记 2，暂停 1 人（不计入）');
    expect(report).toContain('王海 0/5 ⬜⬜⬜⬜⬜ · 暂停（至 2027-01-31）');
    // In a group the reason stays out of the reply.
    expect((await say(bot, DEMO.zhang, '暂停：至 2027年1月10日 家里有事')).texts).toEqual([
      '已暂停 张卫东 至 2027-01-10：期间不发提醒，不计入五个一完成率。到期自动恢复，提前回来请发「恢复」。',
    ]);
    expect((await say(bot, privately(DEMO.wang), '恢复')).texts).toEqual(['王海 已恢复参加，欢迎回来！发「我的」看看五个一进度。']);
    expect((await say(bot, privately(DEMO.wang), '恢复')).texts).toEqual(['王海 现在没有暂停，不用恢复。']);
    expect((await db.select().from(pauses)).map((p) => p.personId)).toEqual(['demo-cadre-zhang']);
    // It ends by itself after its last day.
    bot.clock.set('2027-01-10T15:00:00Z');
    expect((await say(bot, STATION, '统计 温泉村')).texts[0]).toContain('张卫东 0/5 ⬜⬜⬜⬜⬜ · 暂停（至 2027-01-10）');
    bot.clock.set('2027-01-10T16:00:00Z');
    expect((await say(bot, STATION, '统计 温泉村')).texts[0]).not.toContain('暂停');
  });

  it('lets a leader or station pause a cadre by name, telling the cadre in private only', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, privately(DEMO.wang), '帮助');
    expect((await say(bot, DEMO.leader, '暂停 王海 至 2027-01-31 借调')).texts).toEqual([
      '已暂停 王海 至 2027-01-31：期间不发提醒，不计入五个一完成率。到期自动恢复，提前回来请发「恢复」。',
    ]);
    const told = (await bot.store.db.select().from(outbox)).filter((r) => r.chatId === 'private-u-wanghai' && r.key.startsWith('pause:'));
    expect(told.map((r) => JSON.parse(r.payload).text)).toEqual(['王海，杨建国 已为您暂停至 2027-01-31：期间不发提醒，不计入五个一完成率。到期自动恢复，提前回来请发「恢复」。']);
    expect((await say(bot, STATION, '恢复 王海')).texts).toEqual(['王海 已恢复参加，欢迎回来！发「我的」看看五个一进度。']);
    // Outside the sender's area, or by a cadre for someone else: refused, nothing written.
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '暂停 王海 至 2027-01-31')).texts).toEqual(['在您负责的范围内没有找到回乡干部 王海，请检查姓名。']);
    expect((await say(bot, DEMO.zhang, '暂停 王海 至 2027-01-31')).texts).toEqual(['回乡干部只能暂停自己：请发「暂停 至 2027-01-31 理由」。为别人暂停请找组长或联络站。']);
    expect((await say(bot, DEMO.council, '暂停 至 2027-01-31')).texts).toEqual(['您没有使用「暂停」的权限。发送「帮助」查看您能用的命令。']);
    expect(await bot.store.db.select().from(pauses)).toEqual([]);
  });

  it('answers bad dates with what to write, writing nothing', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    const cases: [string, string][] = [
      ['暂停', '请写上暂停到哪一天，例如「暂停 至 2027-01-31 借调省里」；组长或联络站为干部暂停写「暂停 王海 至 2027-01-31 借调」。'],
      ['暂停 借调省里', '请写上暂停到哪一天，例如「暂停 至 2027-01-31 借调省里」；组长或联络站为干部暂停写「暂停 王海 至 2027-01-31 借调」。'],
      ['暂停 至 2027-02-30', '这个日期不存在，请检查月份和日期，例如「暂停 至 2027-01-31」。'],
      ['暂停 至 2026-11-30', '这个日期已经过去了，请写以后的日期，例如「暂停 至 2027-01-31」。'],
      ['暂停 至 2028-12-31', '暂停最长 366 天，请写一年以内的日期；到期后还需要可以再发一次。'],
    ];
    for (const [text, answer] of cases) expect((await say(bot, DEMO.zhang, text)).texts).toEqual([answer]);
    expect(await bot.store.db.select().from(pauses)).toEqual([]);
    expect(await bot.store.db.select().from(personActivity)).toEqual([]);
  });

  it('points 「请假 12月借调省里，暂停参加」 to 暂停 instead of saying there is no meeting', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    expect((await say(bot, DEMO.wang, '请假 12月借调省里，暂停参加')).texts).toEqual([
      '请假只对本群即将召开的会议有效。要一段时间不参加（借调、生病等），请发「暂停 至 2027-01-31 借调省里」：期间不发提醒、不计入完成率，到期自动恢复。',
    ]);
    expect((await say(bot, DEMO.wang, '请假 身体不舒服')).texts).toEqual(['本群现在没有可以请假的会议。']);
    expect(await bot.store.db.select().from(pauses)).toEqual([]);
  });
});
