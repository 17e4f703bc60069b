import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/domain/commands.js';
import { DEMO, say, testBot } from '../support/bot.js';

const PLATFORM_NAMES = /telegram|lark|feishu|飞书|钉钉|dingtalk|企业微信|wecom|政务微信/iu;

describe('help', () => {
  const roles: [string, { userId: string; userName: string }, string][] = [
    ['cadre', DEMO.zhang, 'wenquan-village'],
    ['leader', DEMO.leader, 'wenquan-village'],
    ['council', DEMO.council, 'wenquan-village'],
    ['township station', DEMO.township, 'jiangcheng-station'],
    ['county station', DEMO.county, 'jiangchuan-station'],
    ['task force', DEMO.admin, 'taskforce'],
    ['stranger', { userId: 'u-stranger', userName: '路人' }, 'wenquan-village'],
  ];

  it.each(roles)('fits one phone screen for the %s and never names a platform', async (_role, who, chatId) => {
    const bot = await testBot();
    const short = (await say(bot, { ...who, chatId }, '帮助')).texts[0]!;
    expect(short.split('\n').length).toBeLessThanOrEqual(12);
    expect(short).not.toMatch(PLATFORM_NAMES);
    const all = (await say(bot, { ...who, chatId }, '帮助 全部')).texts[0]!;
    expect(all).not.toMatch(PLATFORM_NAMES);
    // Whatever the short help leaves out, it says how to see.
    const commandLines = all.split('\n').filter((l) => l.startsWith('· ')).length;
    if (commandLines > 7) expect(short).toMatch(/还有 \d+ 个命令，发送「帮助 全部」查看。/u);
  });

  it('the station help: seven commands and the way to the rest', async () => {
    const bot = await testBot();
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '帮助')).texts[0]).toBe(
      [
        '归乡 · 干部规划家乡行动助手',
        '本群：江川区江城镇 · 乡镇联络服务站',
        '您可以发送：',
        '· 会议 <时间> <名称> [@地点] — 安排会议',
        '· 统计 [地区] [本周|本月|全部] — 查看统计（干部和理事会看本村）',
        '· 清单 [全部|建议|实事|问题|走访|村规] [页码] — 查看本村清单',
        '· 绑定 <地区名称或代码> [理事会] — 把本群绑定到村或联络站',
        '· 导出 — 导出台账',
        '· 签到 — 会议签到',
        '· 请假 <理由> — 会议请假',
        '还有 22 个命令，发送「帮助 全部」查看。',
        '命令前的“/”可以不打，例如「建议：村口道路需要硬化」。',
      ].join('\n'),
    );
  });
});

describe('every keyword is answered', () => {
  const keywords = COMMANDS.flatMap((c) => c.aliases);
  it.each(keywords)('「%s」 alone, in a village group and in private', async (keyword) => {
    const bot = await testBot();
    for (const who of [DEMO.zhang, DEMO.township]) {
      const group = await say(bot, who, keyword);
      expect(group.texts.join('').length).toBeGreaterThan(0);
      const direct = await say(bot, { ...who, chatId: `private-${who.userId}`, chatType: 'private' }, keyword);
      expect(direct.texts.join('').length).toBeGreaterThan(0);
    }
    // With text after it, too (恳谈 used to get no reply at all).
    expect((await say(bot, DEMO.zhang, `${keyword} 参加了村里的座谈会`)).texts.join('').length).toBeGreaterThan(0);
  });
});
