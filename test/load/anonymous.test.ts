import { describe, expect, it } from 'vitest';
import { adoptedSuggestions } from '../../src/db/repo/suggestions.js';
import { DEMO_VILLAGE } from '../../src/db/seed/demo.js';
import { outbox, records } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot } from '../support/bot.js';

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });

describe('anonymous suggestions', () => {
  it('show 匿名 to the village, its lists and documents, the author to the township station in private, and count for the author', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    const db = bot.store.db;
    await say(bot, privately(DEMO.township), '帮助');
    const filed = await say(bot, DEMO.zhang, '建议 匿名：村里路灯太少，晚上不安全');
    expect(filed.texts).toEqual([
      '已记录 建议#1（江川区江城镇温泉村）。\n这条建议是匿名的：本村和清单里显示「匿名」，只有乡镇联络站能看到您的姓名，便于跟进；它照样计入您的五个一。',
    ]);
    expect((await db.select().from(records)).map((r) => [r.seq, r.personId, r.text, r.anonymous])).toEqual([[1, 'demo-cadre-zhang', '村里路灯太少，晚上不安全', 1]]);
    const sent = await db.select().from(outbox);
    const text = (chatId: string) => sent.filter((r) => r.chatId === chatId).map((r) => JSON.parse(r.payload).text as string);
    expect(text('private-u-jiangcheng')).toContain('江川区江城镇温泉村匿名建议#1 的提出人是 张卫东（只有联络站能看到，便于跟进，请勿转告村里）：村里路灯太少，晚上不安全');
    expect(text('wenquan-council')[0]).toMatch(/^江川区江城镇温泉村新建议#1：村里路灯太少/u);
    // No group row names the author.
    for (const row of sent.filter((r) => !r.chatId.startsWith('private-'))) expect(row.payload).not.toContain('张卫东');

    const list = (await say(bot, DEMO.wang, '清单 建议')).texts.join('\n');
    expect(list).toContain('匿名');
    expect(list).not.toContain('张卫东');
    expect((await say(bot, privately(DEMO.zhang), '我的')).texts[0]).toContain('✅ 中肯建议 1 次');

    // In private, a trailing （匿名） is enough; 「建议 匿名」 alone asks for the text and keeps it anonymous.
    expect((await say(bot, privately(DEMO.wang), '建议 村口要装减速带（匿名）')).texts[0]).toContain('这条建议是匿名的');
    await say(bot, DEMO.wang, '建议 匿名');
    expect((await say(bot, DEMO.wang, '文化广场缺少健身器材')).texts[0]).toContain('这条建议是匿名的');
    expect((await say(bot, DEMO.wang, '建议 修缮村史馆')).texts[0]).not.toContain('匿名');
    expect((await db.select().from(records)).map((r) => [r.seq, r.personId, r.text, r.anonymous])).toEqual([
      [1, 'demo-cadre-zhang', '村里路灯太少，晚上不安全', 1],
      [2, 'demo-cadre-wang', '村口要装减速带', 1],
      [3, 'demo-cadre-wang', '文化广场缺少健身器材', 1],
      [4, 'demo-cadre-wang', '修缮村史馆', 0],
    ]);

    // Seconding and review work as for named ones; the forwarding document shows 匿名.
    expect((await say(bot, DEMO.wang, '附议 建议#1')).texts[0]).toContain('建议#1');
    expect((await say(bot, DEMO.leader, '审核 建议#1 采纳 列入规划')).texts[0]).toContain('建议#1');
    const adopted = await adoptedSuggestions(db, DEMO_VILLAGE);
    expect(adopted.map((r) => [r.seq, r.author, r.workUnit])).toEqual([[1, '匿名', null]]);
    const after = await db.select().from(outbox);
    for (const row of after.filter((r) => !r.chatId.startsWith('private-'))) expect(row.payload).not.toContain('张卫东');
  });
});
