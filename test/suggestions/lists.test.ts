import { describe, expect, it } from 'vitest';
import { DEMO, say, testBot } from '../support/bot.js';
import { rows } from './support.js';

describe('the three lists and links between records', () => {
  it('links a deed to the problem it answers; only the deed of the owner it was assigned to closes it', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '问题 村口路灯坏了，晚上看不见');
    const before = await say(bot, DEMO.wang, '实事 换了一个灯泡 回应问题#1');
    expect(before.texts).toEqual(['已记录 实事#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ⬜中肯建议 ✅为民实事 ⬜村规民约\n已关联 问题#1（待交办：组长或联络站交办后由办理人办结）']);
    expect(rows(bot, "select status from records where kind = 'problem'")).toEqual([{ status: 'open' }]);
    await say(bot, DEMO.leader, '交办 问题#1 王海');
    const r = await say(bot, DEMO.wang, '实事 修好了村口路灯 回应问题#1');
    expect(r.texts).toEqual(['已记录 实事#2（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ⬜中肯建议 ✅为民实事 ⬜村规民约\n已关联 问题#1（已办结，已请反映人确认）']);
    expect(rows(bot, "select kind, seq, status from records order by kind, seq")).toEqual([
      { kind: 'deed', seq: 1, status: 'done' },
      { kind: 'deed', seq: 2, status: 'done' },
      { kind: 'problem', seq: 1, status: 'resolved' },
    ]);
    expect(rows(bot, 'select from_record_id, to_record_id from record_links')).toEqual([
      { from_record_id: 'id-2', to_record_id: 'id-1' },
      { from_record_id: 'id-3', to_record_id: 'id-1' },
    ]);
    expect(rows(bot, 'select record_id, action, from_status, to_status, related_record_id, comment, actor_name from record_history')).toEqual([
      { record_id: 'id-1', action: 'assign', from_status: 'open', to_status: 'assigned', related_record_id: null, comment: '王海', actor_name: '杨建国' },
      { record_id: 'id-1', action: 'close', from_status: 'assigned', to_status: 'resolved', related_record_id: 'id-3', comment: '修好了村口路灯', actor_name: '王海' },
    ]);
  });

  it('links a rule proposal to its suggestion, and refuses links that point nowhere, writing nothing', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 红白事简办，减轻群众负担');
    expect((await say(bot, DEMO.wang, '村规 红白事从简办理 来自建议#1')).texts[0]).toMatch(/\n已关联 建议#1$/u);
    expect((await say(bot, DEMO.wang, '村规 禁止乱倒垃圾 来自问题#1')).texts).toEqual(['村规修改意见只能写「来自建议#N」，请改后重发（还没有记录）。']);
    expect((await say(bot, DEMO.wang, '实事 清理了水渠 回应问题#5')).texts).toEqual(['没有找到问题#5，请核对编号后重发（还没有记录）。']);
    await say(bot, { ...DEMO.pu, chatId: 'wenshan-village' }, '问题 文山村水窖漏水');
    expect((await say(bot, DEMO.wang, '实事 修了水窖 回应问题#1')).texts).toEqual(['问题#1 不是本村的，只能回应本村的建议或问题（还没有记录）。']);
    expect(rows(bot, "select kind, seq from records where kind in ('deed', 'rule') order by kind, seq")).toEqual([{ kind: 'rule', seq: 1 }]);
    expect(rows(bot, 'select count(*) as n from record_links')).toEqual([{ n: 1 }]);
  });

  it('「清单 全部」 shows 问题清单, 建议清单 and 实事清单 with statuses, seconds, links and tags', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '问题 村口路灯坏了');
    await say(bot, DEMO.zhang, '问题 水渠堵塞');
    bot.clock.advance(86_400_000);
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
    await say(bot, DEMO.wang, '建议 发展温泉民宿旅游');
    await say(bot, DEMO.wang, '附议 建议#1');
    await say(bot, DEMO.leader, '审核 建议#1 采纳');
    await say(bot, DEMO.leader, '交办 问题#1 王海');
    await say(bot, DEMO.wang, '实事 修好了村口路灯 回应问题#1');
    await say(bot, DEMO.leader, '实事 组织硬化村口道路 落实建议#1');
    const text = (await say(bot, DEMO.council, '清单 全部')).texts[0];
    expect(text).toBe(
      [
        '江川区江城镇温泉村 三张清单',
        '【问题清单】共 2 条：待交办 1，已办结 1',
        '问题#2 [待交办] 水渠堵塞 —张卫东 12-01 · 基础设施',
        '问题#1 [已办结] 村口路灯坏了 —张卫东 12-01 · 实事#1回应 · 基础设施',
        '【建议清单】共 2 条：待审核 1，已采纳 1',
        '建议#2 [待审核] 发展温泉民宿旅游 —王海 12-02 · 文化旅游',
        '建议#1 [已采纳] 村口道路需要硬化 —张卫东 12-02 · 附议 1 · 实事#2回应 · 基础设施',
        '【实事清单】共 2 条：已完成 2',
        '实事#2 [已完成] 组织硬化村口道路 落实建议#1 —杨建国 12-02 · 回应建议#1',
        '实事#1 [已完成] 修好了村口路灯 回应问题#1 —王海 12-02 · 回应问题#1',
      ].join('\n'),
    );
    // The per-kind pages keep their layout and gain the same notes (without tags).
    expect((await say(bot, DEMO.council, '清单 建议')).texts[0]).toBe(
      ['江川区江城镇温泉村 建议清单（共 2 条，第 1/1 页）', '建议#2 [待审核] 发展温泉民宿旅游 —王海 12-02', '建议#1 [已采纳] 村口道路需要硬化 —张卫东 12-02 · 附议 1 · 实事#2回应'].join('\n'),
    );
    expect((await say(bot, DEMO.zhang, '清单 全部')).texts[0]).toBe(text);
  });

  it('shows empty lists and says where there is more', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.council, '清单 全部')).texts).toEqual([
      ['江川区江城镇温泉村 三张清单', '【问题清单】共 0 条', '（暂无）', '【建议清单】共 0 条', '（暂无）', '【实事清单】共 0 条', '（暂无）'].join('\n'),
    ]);
    for (let i = 1; i <= 6; i++) await say(bot, DEMO.zhang, `实事 第${i}件实事`);
    const lines = (await say(bot, DEMO.council, '清单 全部')).texts[0]!.split('\n');
    expect(lines.slice(-2)).toEqual(['实事#2 [已完成] 第2件实事 —张卫东 12-01', '……还有 1 条，发送「清单 实事」查看全部。']);
  });
});
