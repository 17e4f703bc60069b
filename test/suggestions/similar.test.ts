import { describe, expect, it } from 'vitest';
import { DEMO, press, say, testBot } from '../support/bot.js';
import { rows } from './support.js';

const HINT = [
  '本村已经有相似的建议：',
  '建议#1 [待审核] 村口道路需要硬化',
  '　都提到：村口、道路硬化',
  '您的建议还没有记录。如果意思一样，点「附议」支持已有的建议；如果不同，点「仍然提交」或回复「提交」。',
].join('\n');

describe('similar suggestions at submission and 附议', () => {
  it('shows the similar earlier suggestion and files nothing until the author chooses', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
    const r = await say(bot, DEMO.wang, '建议 建议把村口的道路硬化一下');
    expect(r.texts).toEqual([HINT]);
    expect(r.replies[0]!.buttons).toEqual([[{ label: '附议 建议#1', value: 'second:1' }], [{ label: '仍然提交', value: 'suggest-anyway' }]]);
    expect(rows(bot, "select count(*) as n from records where kind = 'suggestion'")).toEqual([{ n: 1 }]);

    const seconded = await press(bot, DEMO.wang, 'second:1');
    expect(seconded.replies.map((x) => x.text)).toEqual(['已附议 建议#1，现在共有 1 人附议。']);
    expect(rows(bot, 'select record_id, person_id from record_seconds')).toEqual([{ record_id: 'id-1', person_id: 'demo-cadre-wang' }]);
    // The draft is gone: 「提交」 is now ordinary chatter and the button has expired.
    expect((await press(bot, DEMO.wang, 'suggest-anyway')).toast).toBe('这条建议已经处理过或等待太久了，请重新发送「建议 内容」。');
    expect(rows(bot, "select count(*) as n from records where kind = 'suggestion'")).toEqual([{ n: 1 }]);
  });

  it('files the suggestion anyway by button or by replying 提交', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
    await say(bot, DEMO.wang, '建议 硬化村口道路');
    expect((await say(bot, DEMO.wang, '好')).texts).toEqual(['请点「附议」支持已有的建议，或点「仍然提交」（也可以回复「提交」），发送「取消」放弃。']);
    const filed = await say(bot, DEMO.wang, '提交');
    expect(filed.texts).toEqual(['已记录 建议#2（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ✅中肯建议 ⬜为民实事 ⬜村规民约']);
    expect(rows(bot, "select seq, text, category from records where kind = 'suggestion' order by seq")).toEqual([
      { seq: 1, text: '村口道路需要硬化', category: '基础设施' },
      { seq: 2, text: '硬化村口道路', category: '基础设施' },
    ]);
    await say(bot, DEMO.leader, '建议 村口道路要硬化');
    const pressed = await press(bot, DEMO.leader, 'suggest-anyway');
    expect(pressed.toast).toBe('好的');
    expect(pressed.replies[0]!.text).toMatch(/^已记录 建议#3（江川区江城镇温泉村）。/u);
  });

  it('counts seconds and refuses seconding twice, one’s own, or outside one’s village', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
    expect((await say(bot, DEMO.wang, '附议 建议#1')).texts).toEqual(['已附议 建议#1，现在共有 1 人附议。']);
    expect((await say(bot, DEMO.leader, '附议 1')).texts).toEqual(['已附议 建议#1，现在共有 2 人附议。']);
    expect((await say(bot, DEMO.wang, '附议 建议#1')).texts).toEqual(['您已经附议过 建议#1 了。']);
    expect((await say(bot, DEMO.zhang, '附议 建议#1')).texts).toEqual(['建议#1 是您自己提的，不用附议。']);
    expect((await say(bot, DEMO.pu, '附议 建议#1')).texts).toEqual(['江川区江城镇温泉村不在您负责的范围内。']);
    expect((await say(bot, DEMO.wang, '附议')).texts).toEqual(['请写上要附议的建议编号，例如「附议 建议#3」。']);
    expect((await say(bot, DEMO.wang, '附议 建议#7')).texts).toEqual(['没有找到建议#7，请核对编号（发送「清单 建议」查看）。']);
    expect(rows(bot, 'select count(*) as n from record_seconds')).toEqual([{ n: 2 }]);
    // The hint shows the count, so an author sees the earlier one already has backers.
    expect((await say(bot, DEMO.wang, '建议 村口道路硬化')).texts[0]).toContain('建议#1 [待审核] 村口道路需要硬化（2 人附议）');
  });

  it('recognises a request in other or spoken words and says what the two share', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 把村里的土路铺成水泥路');
    await say(bot, DEMO.zhang, '建议 三组的自来水管爆了，经常停水');
    const synonym = await say(bot, DEMO.wang, '建议 村道硬化');
    expect(synonym.texts[0]).toBe(
      [
        '本村已经有相似的建议：',
        '建议#1 [待审核] 把村里的土路铺成水泥路',
        '　都提到：道路硬化',
        '您的建议还没有记录。如果意思一样，点「附议」支持已有的建议；如果不同，点「仍然提交」或回复「提交」。',
      ].join('\n'),
    );
    await say(bot, DEMO.wang, '取消');
    const spoken = await say(bot, DEMO.leader, '建议 3组吃水老是断');
    expect(spoken.texts[0]!.split('\n').slice(1, 3)).toEqual(['建议#2 [待审核] 三组的自来水管爆了，经常停水', '　都提到：3组、自来水、停水']);
    expect(spoken.replies[0]!.buttons).toEqual([[{ label: '附议 建议#2', value: 'second:2' }], [{ label: '仍然提交', value: 'suggest-anyway' }]]);
    expect(rows(bot, "select count(*) as n from records where kind = 'suggestion'")).toEqual([{ n: 2 }]);
  });

  it('files at once a request that only shares words with an earlier one', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 一组的自来水管爆了');
    await say(bot, DEMO.zhang, '建议 在村委会旁边的空地建篮球场');
    expect((await say(bot, DEMO.wang, '建议 三组的自来水管爆了')).texts[0]).toMatch(/^已记录 建议#3（江川区江城镇温泉村）/u);
    expect((await say(bot, DEMO.wang, '建议 在村委会旁边的空地建停车场')).texts[0]).toMatch(/^已记录 建议#4（江川区江城镇温泉村）/u);
    expect(rows(bot, "select seq, text from records where kind = 'suggestion' order by seq")).toEqual([
      { seq: 1, text: '一组的自来水管爆了' },
      { seq: 2, text: '在村委会旁边的空地建篮球场' },
      { seq: 3, text: '三组的自来水管爆了' },
      { seq: 4, text: '在村委会旁边的空地建停车场' },
    ]);
  });

  it('only compares with suggestions of the same village', async () => {
    const bot = await testBot();
    await say(bot, { ...DEMO.pu, chatId: 'wenshan-village' }, '建议 村口道路需要硬化');
    expect((await say(bot, DEMO.zhang, '建议 村口道路需要硬化')).texts[0]).toMatch(/^已记录 建议#2（江川区江城镇温泉村）/u);
  });
});
