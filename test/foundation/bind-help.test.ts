import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chats } from '../../src/db/schema/index.js';
import { DEMO, press, say, testBot } from '../support/bot.js';

const newGroup = 'new-group';

async function binding(bot: Awaited<ReturnType<typeof testBot>>, chatId = newGroup) {
  const rows = await bot.store.db.select().from(chats).where(and(eq(chats.platform, 'local'), eq(chats.chatId, chatId)));
  return rows[0] ? { regionCode: rows[0].regionCode, purpose: rows[0].purpose } : null;
}

describe('/bind', () => {
  it('an admin binds a new group to a village, a council, a station', async () => {
    const bot = await testBot();
    expect((await say(bot, { ...DEMO.admin, chatId: newGroup }, '绑定 温泉村')).texts).toEqual(['已绑定：本群是 江川区江城镇温泉村 的村庄规划编制组群。']);
    expect(await binding(bot)).toEqual({ regionCode: '530403101208', purpose: 'village' });
    expect((await say(bot, { ...DEMO.admin, chatId: newGroup }, '/bind 温泉村 理事会')).texts).toEqual(['已改绑：本群是 江川区江城镇温泉村 的村庄规划建设理事会群。']);
    expect((await say(bot, { ...DEMO.admin, chatId: newGroup }, '绑定：530403101')).texts).toEqual(['已改绑：本群是 江川区江城镇 的乡镇联络服务站群。']);
    expect((await say(bot, { ...DEMO.admin, chatId: newGroup }, '绑定 江川区 理事会')).texts).toEqual(['理事会群只能绑定到村。']);
    expect(await binding(bot)).toEqual({ regionCode: '530403101', purpose: 'township_station' });
  });

  it('an ambiguous name gets a numbered choice, answered by number or button', async () => {
    const bot = await testBot();
    const r = await say(bot, { ...DEMO.admin, chatId: newGroup }, '绑定 桃李村');
    expect(r.texts).toEqual(['“桃李村”有 2 个地方，请回复序号选择：\n1. 峨山彝族自治县双江街道桃李村（530426001208）\n2. 澄江市阳宗镇桃李村（530481102202）']);
    expect(r.replies[0]!.buttons?.map((row) => row[0]!.value)).toEqual(['bind:530426001208:', 'bind:530481102202:']);
    expect((await say(bot, { ...DEMO.admin, chatId: newGroup }, '5')).texts).toEqual(['请回复 1 到 2 之间的序号，或发送「取消」。']);
    expect((await say(bot, { ...DEMO.admin, chatId: newGroup }, '2')).texts[0]).toBe('已绑定：本群是 澄江市阳宗镇桃李村 的村庄规划编制组群。');
    expect(await binding(bot)).toEqual({ regionCode: '530481102202', purpose: 'village' });
    const other = 'another-group';
    await say(bot, { ...DEMO.admin, chatId: other }, '绑定 桃李村');
    const pressed = await press(bot, { ...DEMO.admin, chatId: other }, 'bind:530426001208:');
    expect(pressed.toast).toBe('好的');
    expect(await binding(bot, other)).toEqual({ regionCode: '530426001208', purpose: 'village' });
  });

  it('a station binds only inside its area; others may not bind', async () => {
    const bot = await testBot();
    expect((await say(bot, { ...DEMO.township, chatId: newGroup }, '绑定 海门村')).texts).toEqual(['已绑定：本群是 江川区江城镇海门村 的村庄规划编制组群。']);
    expect((await say(bot, { ...DEMO.township, chatId: 'g2' }, '绑定 文山村')).texts).toEqual(['峨山彝族自治县岔河乡文山村不在您负责的范围内。']);
    expect((await say(bot, { ...DEMO.county, chatId: 'g3' }, '绑定 江城镇')).texts).toEqual(['已绑定：本群是 江川区江城镇 的乡镇联络服务站群。']);
    expect((await say(bot, { ...DEMO.county, chatId: 'g4' }, '绑定 玉溪市')).texts).toEqual(['玉溪市不在您负责的范围内。']);
    expect((await say(bot, { ...DEMO.zhang, chatId: 'g5' }, '绑定 温泉村')).texts).toEqual(['您没有使用「绑定」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, { ...DEMO.leader, chatId: 'g5' }, '绑定 温泉村')).texts).toEqual(['您没有使用「绑定」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, { ...DEMO.admin, chatId: 'g6' }, '绑定 不存在的村')).texts).toEqual(['没有找到“不存在的村”。请写村、乡镇或县区的全称，或地区代码。']);
    expect((await say(bot, { ...DEMO.admin, chatId: 'g6' }, '绑定')).texts).toEqual([
      '请写上要绑定的地区，例如「绑定 温泉村」或「绑定 530403101208」；理事会群写「绑定 温泉村 理事会」。',
    ]);
    // Refused binds leave the chats known but unbound.
    for (const g of ['g2', 'g4', 'g5', 'g6']) expect(await binding(bot, g)).toEqual({ regionCode: null, purpose: null });
  });
});

describe('/help', () => {
  const lines = async (who: { userId: string; userName: string }, chatId = 'wenquan-village') => {
    const bot = await testBot();
    return (await say(bot, { ...who, chatId }, '帮助')).texts[0]!.split('\n');
  };

  it('shows a cadre the record commands but not station commands', async () => {
    const l = await lines(DEMO.zhang);
    expect(l[1]).toBe('本群：江川区江城镇温泉村 · 村庄规划编制组');
    expect(l).toContain('· 建议/实事/走访/问题/村规/恳谈 <内容> — 记录五个一和问题');
    expect(l).toContain('· 我的 — 查看我的“五个一”进度');
    expect(l.some((x) => x.startsWith('· 绑定 '))).toBe(false);
    expect(l.some((x) => x.startsWith('· 批准'))).toBe(false);
  });

  it('shows a stranger only what anyone may do', async () => {
    const l = await lines({ userId: 'u-stranger', userName: '路人' });
    expect(l.filter((x) => x.startsWith('· ')).map((x) => x.split(' ')[1])).toEqual(
      expect.not.arrayContaining(['建议', '实事', '我的', '绑定', '批准', '统计', '导出']),
    );
    expect(l).toContain('· 登记 <姓名> [手机尾号4位] — 在村群登记为回乡干部');
  });

  it('shows the admin binding and statistics', async () => {
    const l = await lines(DEMO.admin, 'taskforce');
    expect(l[1]).toBe('本群：玉溪市 · 市工作专班');
    expect(l.some((x) => x.startsWith('· 绑定'))).toBe(true);
    expect(l.some((x) => x.startsWith('· 统计'))).toBe(true);
  });

  it('/start is help', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '/start')).texts[0]).toMatch(/^归乡 · 干部规划家乡行动助手/u);
  });
});
