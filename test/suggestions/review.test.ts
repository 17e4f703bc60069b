import { describe, expect, it } from 'vitest';
import { DEMO, press, say, testBot } from '../support/bot.js';
import { rows, sentTo } from './support.js';

const COUNCIL = { ...DEMO.council, chatId: 'wenquan-council' };
const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };

async function withTwo() {
  const bot = await testBot();
  await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
  await say(bot, DEMO.wang, '建议 发展温泉民宿旅游');
  return bot;
}

const status = (bot: Awaited<ReturnType<typeof testBot>>, seq: number) =>
  rows<{ status: string; category: string }>(bot, "select status, category from records where kind = 'suggestion' and seq = ?", seq)[0];

describe('/review 审核', () => {
  it('lets the leader adopt, keeping who and when', async () => {
    const bot = await withTwo();
    expect((await say(bot, DEMO.leader, '审核 建议#1 采纳 同意实施')).texts).toEqual(['建议#1 已采纳（杨建国审核）。\n意见：同意实施']);
    expect(status(bot, 1)).toEqual({ status: 'adopted', category: '基础设施' });
    expect(rows(bot, 'select record_id, version, action, from_status, to_status, comment, actor_id, actor_name, at from record_history')).toEqual([
      { record_id: 'id-1', version: 1, action: 'adopt', from_status: 'pending', to_status: 'adopted', comment: '同意实施', actor_id: 'demo-leader', actor_name: '杨建国', at: Date.parse('2026-12-01T02:00:00Z') },
    ]);
  });

  it('lets a council member reject from the council chat and tells the author in the village chat', async () => {
    const bot = await withTwo();
    expect((await say(bot, COUNCIL, '审核 建议#2 不采纳 资金不足')).texts).toEqual(['建议#2 不采纳（普丽审核）。\n意见：资金不足']);
    expect(sentTo(bot, 'wenquan-village').at(-1)!.payload.text).toBe('王海，您的建议#2未被采纳。审核人：普丽\n意见：资金不足');
    // A station may reconsider; the history keeps both decisions in order.
    bot.clock.advance(3600_000);
    expect((await say(bot, STATION, '审核 建议#2 采纳 复议通过')).texts).toEqual(['建议#2 已采纳（赵强审核）。\n意见：复议通过']);
    expect(rows(bot, 'select version, action, from_status, to_status, actor_name from record_history order by id')).toEqual([
      { version: 1, action: 'reject', from_status: 'pending', to_status: 'rejected', actor_name: '普丽' },
      { version: 2, action: 'adopt', from_status: 'rejected', to_status: 'adopted', actor_name: '赵强' },
    ]);
  });

  it('forwards only what was adopted', async () => {
    const bot = await withTwo();
    const county = { ...DEMO.county, chatId: 'jiangchuan-station' };
    expect((await say(bot, county, '审核 建议#1 转交')).texts).toEqual([
      '建议#1 现在是“待审核”，要先在党员大会或村民代表会议上「表决 建议#1」通过（会外已经同意的用「审核 建议#1 采纳」），才能转交规划编制技术单位。',
    ]);
    await say(bot, DEMO.leader, '审核 建议#1 采纳');
    expect((await say(bot, county, '审核 建议#1 转交')).texts).toEqual(['建议#1 已转交规划编制技术单位（王芳审核）。']);
    expect(status(bot, 1)!.status).toBe('forwarded');
    // 公示 in the village group.
    const notice = sentTo(bot, 'wenquan-village').filter((m) => m.key.startsWith('forward:'));
    expect(notice.map((m) => m.payload.text)).toEqual([
      `【公示】江川区江城镇温泉村以下 1 条建议已采纳并转交规划编制技术单位，将在村庄规划编制中研究吸收：\n· 建议#1「村口道路需要硬化」（提出人：张卫东）`,
    ]);
    expect((await say(bot, DEMO.leader, '审核 建议#1 不采纳')).texts).toEqual(['建议#1 已经是“已转交”，不能再不采纳。']);
  });

  it('merges a suggestion into another and its author backs the one it joined', async () => {
    const bot = await withTwo();
    // Offered 附议 for 建议#1, the author files it anyway; the reviewer merges it.
    expect((await say(bot, DEMO.wang, '建议 修建村口到学校的道路')).texts[0]).toMatch(/^本村已经有相似的建议：\n建议#1 /u);
    expect((await say(bot, DEMO.wang, '提交')).texts[0]).toMatch(/^已记录 建议#3/u);
    expect((await say(bot, DEMO.leader, '审核 建议#3 合并 #1 都是修村口的路')).texts).toEqual(['建议#3 已合并到 建议#1，原建议人记为附议（杨建国审核）。\n意见：都是修村口的路']);
    expect(rows(bot, 'select record_id, person_id from record_seconds')).toEqual([{ record_id: 'id-1', person_id: 'demo-cadre-wang' }]);
    expect(rows(bot, "select action, related_record_id from record_history")).toEqual([{ action: 'merge', related_record_id: 'id-1' }]);
    expect((await say(bot, DEMO.leader, '审核 建议#2 合并 #3')).texts).toEqual(['建议#3 已合并到 建议#1，请合并到 建议#1。']);
    expect((await say(bot, DEMO.leader, '审核 建议#2 合并 #2')).texts).toEqual(['不能把一条建议合并到它自己。']);
    expect((await say(bot, DEMO.leader, '审核 建议#2 合并')).texts).toEqual(['合并要写上合并到哪一条，例如「审核 建议#3 合并 #1」。']);
  });

  it('refuses outside the reviewer’s area, to cadres, and for bad input, writing nothing', async () => {
    const bot = await withTwo();
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '审核 建议#1 采纳')).texts).toEqual(['江川区江城镇温泉村不在您负责的范围内。']);
    expect((await say(bot, DEMO.pu, '审核 建议#1 采纳')).texts).toEqual(['江川区江城镇温泉村不在您负责的范围内。']);
    expect((await say(bot, DEMO.zhang, '审核 建议#1 采纳')).texts).toEqual(['您没有使用「审核」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, DEMO.leader, '审核 建议#99 采纳')).texts).toEqual(['没有找到建议#99，请核对编号（发送「清单 建议」查看）。']);
    expect((await say(bot, DEMO.leader, '审核 建议#1 好的')).texts).toEqual([
      '请这样写：「审核 建议#3 采纳 意见」「审核 建议#3 不采纳 理由」「审核 建议#3 合并 #1」「审核 建议#3 转交」，改类别写「审核 建议#3 类别 产业 文化旅游」。',
    ]);
    await say(bot, DEMO.leader, '审核 建议#1 采纳');
    expect((await say(bot, DEMO.leader, '审核 建议#1 采纳')).texts).toEqual(['建议#1 已经是“已采纳”了，不用再采纳。']);
    bot.store.sqlite.prepare("update records set status = 'voting' where seq = 2 and kind = 'suggestion'").run();
    expect((await say(bot, DEMO.leader, '审核 建议#2 不采纳')).texts).toEqual(['建议#2 正在会议表决中，请等表决结果出来后再审核。']);
    expect(rows(bot, 'select count(*) as n from record_history')).toEqual([{ n: 1 }]);
    expect(rows(bot, "select seq, status from records where kind = 'suggestion' order by seq")).toEqual([{ seq: 1, status: 'adopted' }, { seq: 2, status: 'voting' }]);
  });

  it('lets the reviewer change the category tags', async () => {
    const bot = await withTwo();
    expect(status(bot, 2)!.category).toBe('文化旅游');
    expect((await say(bot, COUNCIL, '审核 建议#2 类别 产业 文化旅游')).texts).toEqual(['建议#2 类别已从“文化旅游”改为“产业、文化旅游”（普丽）。']);
    expect(status(bot, 2)!.category).toBe('产业,文化旅游');
    expect(rows(bot, 'select action, from_tags, to_tags, actor_name from record_history')).toEqual([{ action: 'tag', from_tags: '文化旅游', to_tags: '产业,文化旅游', actor_name: '普丽' }]);
    expect((await say(bot, COUNCIL, '审核 建议#2 类别 产业 天气')).texts).toEqual(['不认识的类别：天气。可选：产业、规划建设、基础设施、文化旅游、教育医疗、生态环境、治理党建、其他。']);
    expect((await say(bot, COUNCIL, '审核 建议#2 类别 产业、文化旅游')).texts).toEqual(['建议#2 的类别已经是“产业、文化旅游”。']);
  });

  it('puts review buttons under each new suggestion in the council chat', async () => {
    const bot = await withTwo();
    const notice = sentTo(bot, 'wenquan-council')[0]!.payload;
    expect(notice.text).toBe('江川区江城镇温泉村新建议#1：村口道路需要硬化\n类别：基础设施\n可以点下面的按钮，或发送「审核 建议#1 采纳|不采纳 意见」。');
    expect(notice.buttons).toEqual([[{ label: '采纳', value: 'review:1:adopt' }, { label: '不采纳', value: 'review:1:reject' }]]);
    const denied = await press(bot, { ...DEMO.zhang, chatId: 'wenquan-council' }, 'review:1:adopt');
    expect(denied).toEqual({ replies: [], toast: '您没有使用「审核」的权限。发送「帮助」查看您能用的命令。' });
    const ok = await press(bot, COUNCIL, 'review:1:adopt');
    expect(ok.toast).toBe('好的');
    expect(ok.replies.map((r) => r.text)).toEqual(['建议#1 已采纳（普丽审核）。']);
    expect(status(bot, 1)!.status).toBe('adopted');
    expect((await press(bot, COUNCIL, 'review:1:adopt')).toast).toBe('建议#1 已经是“已采纳”了，不用再采纳。');
  });
});
