import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, processedEvents, records } from '../../src/db/schema/index.js';
import { DEMO, say, testBot } from '../support/bot.js';

describe('record commands', () => {
  it.each([
    ['建议 村口道路需要硬化', 'suggestion', '建议#1', 'pending', '村口道路需要硬化'],
    ['建议：村口道路需要硬化', 'suggestion', '建议#1', 'pending', '村口道路需要硬化'],
    ['/suggest 村口道路需要硬化', 'suggestion', '建议#1', 'pending', '村口道路需要硬化'],
    ['实事:帮王大爷修好了屋顶', 'deed', '实事#1', 'done', '帮王大爷修好了屋顶'],
    ['走访 走访了三户困难户', 'visit', '走访#1', 'recorded', '走访了三户困难户'],
    ['/problem 灌溉水渠堵塞', 'problem', '问题#1', 'open', '灌溉水渠堵塞'],
    ['村规 建议增加红白事简办条款', 'rule', '村规#1', 'pending', '建议增加红白事简办条款'],
  ])('%s records a %s', async (text, kind, label, status, body) => {
    const bot = await testBot();
    const r = await say(bot, DEMO.zhang, text);
    expect(r.texts[0]).toMatch(new RegExp(`^已记录 ${label}（江川区江城镇温泉村）。\\n五个一进度`));
    const rows = await bot.store.db.select().from(records);
    expect(rows).toEqual([
      expect.objectContaining({ kind, seq: 1, regionCode: '530403101208', personId: 'demo-cadre-zhang', text: body, status, platform: 'local', chatId: 'wenquan-village' }),
    ]);
  });

  it('numbers each kind on its own and counts five ones from records', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 一');
    await say(bot, DEMO.wang, '建议 二');
    await say(bot, DEMO.zhang, '走访 三');
    const r = await say(bot, DEMO.zhang, '实事 四');
    expect(r.texts[0]).toBe(
      '已记录 实事#1（江川区江城镇温泉村）。\n五个一进度 3/5：⬜乡情恳谈 ✅实地走访 ✅中肯建议 ✅为民实事 ⬜村规民约',
    );
    const me = await say(bot, DEMO.zhang, '我的');
    expect(me.texts[0]).toBe(
      ['张卫东 · 江川区江城镇温泉村', '五个一完成 3/5', '⬜ 乡情恳谈', '✅ 实地走访 1 次', '✅ 中肯建议 1 次', '✅ 为民实事 1 次', '⬜ 村规民约', '还差：乡情恳谈、村规民约'].join('\n'),
    );
    const wang = await say(bot, DEMO.wang, '建议 五');
    expect(wang.texts[0]).toMatch(/^已记录 建议#3/u);
  });

  it('records in private into the cadre’s own village', async () => {
    const bot = await testBot();
    const r = await say(bot, { ...DEMO.zhang, chatId: 'private-u-zhang', chatType: 'private' }, '问题 路灯坏了');
    expect(r.texts[0]).toMatch(/^已记录 问题#1（江川区江城镇温泉村）/u);
  });

  it('a redelivered event writes nothing and is not answered twice', async () => {
    const bot = await testBot();
    const first = await say(bot, { ...DEMO.zhang, eventId: 'evt-1' }, '建议 村口道路需要硬化');
    const queued = (await bot.store.db.select().from(outbox)).length;
    const again = await say(bot, { ...DEMO.zhang, eventId: 'evt-1' }, '建议 村口道路需要硬化');
    expect(first.texts).toHaveLength(1);
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(again).toMatchObject({ status: 200, replies: [], duplicate: true });
    expect(await bot.store.db.select().from(records)).toHaveLength(1);
    expect(await bot.store.db.select().from(outbox)).toHaveLength(queued);
    expect(await bot.store.db.select().from(processedEvents).where(eq(processedEvents.eventId, 'evt-1'))).toHaveLength(1);
  });

  it('concurrent deliveries of one event record once; concurrent records get distinct numbers', async () => {
    const bot = await testBot();
    const same = await Promise.all([1, 2, 3].map(() => say(bot, { ...DEMO.zhang, eventId: 'evt-dup' }, '建议 同一条')));
    expect(same.filter((r) => r.texts.length === 1)).toHaveLength(1);
    await Promise.all(Array.from({ length: 10 }, (_, i) => say(bot, DEMO.wang, `实事 第${i}件`)));
    const deeds = await bot.store.db.select().from(records).where(eq(records.kind, 'deed'));
    expect(deeds.map((d) => d.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await bot.store.db.select().from(records).where(eq(records.kind, 'suggestion'))).toHaveLength(1);
  });

  it('refuses bad input with a short reply and writes nothing', async () => {
    const bot = await testBot();
    const long = '长'.repeat(2001);
    expect((await say(bot, DEMO.zhang, `建议 ${long}`)).texts).toEqual(['内容太长了（2001 字），请控制在 2000 字以内，可以分几条发送。']);
    expect((await say(bot, DEMO.zhang, '/sugest 道路')).texts).toEqual(['没有 /sugest 这个命令。您是不是想用 /suggest（建议）？发送「帮助」查看全部命令。']);
    expect((await say(bot, DEMO.zhang, '/frobnicate')).texts).toEqual(['没有 /frobnicate 这个命令。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, { ...DEMO.zhang, chatId: 'some-unbound-group' }, '建议 道路')).texts).toEqual([
      '本群还没有绑定到村或联络站。请联络站或工作专班在群里发送「绑定 村名」。',
    ]);
    expect((await say(bot, { ...DEMO.zhang, chatId: 'jiangcheng-station' }, '建议 道路')).texts).toEqual(['这个命令要在村庄规划编制组的群里使用。']);
    expect((await say(bot, DEMO.council, '建议 道路')).texts).toEqual(['只有已登记的回乡干部才能记录。请先在本村群里发送「登记 姓名」。']);
    expect((await say(bot, { ...DEMO.pu, chatId: 'wenquan-village' }, '建议 道路')).texts).toEqual([
      '您登记的是峨山彝族自治县岔河乡文山村的回乡干部，请在峨山彝族自治县岔河乡文山村的群里或私聊我记录。',
    ]);
    expect(await bot.store.db.select().from(records)).toHaveLength(0);
  });

  it('ignores ordinary chatter in a group but helps in private', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '大家好，今天天气不错')).replies).toEqual([]);
    expect((await say(bot, DEMO.zhang, '建议书我明天交')).replies).toEqual([]);
    expect((await say(bot, { ...DEMO.zhang, chatId: 'private-u-zhang', chatType: 'private' }, '你好')).texts).toEqual([
      '请发送命令，例如「建议 村口道路需要硬化」。发送「帮助」查看您能用的命令。',
    ]);
    expect(await bot.store.db.select().from(processedEvents)).toHaveLength(1);
  });
});
