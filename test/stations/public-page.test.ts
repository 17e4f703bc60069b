import { describe, expect, it } from 'vitest';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };

async function publicLink(bot: TestBot, from = STATION, args = '公示 温泉村'): Promise<URL> {
  const r = await say(bot, from, `看板 ${args}`);
  expect(r.texts).toHaveLength(1);
  return new URL(/https?:\/\/\S+/u.exec(r.texts[0]!)![0]);
}

const get = (bot: TestBot, url: URL) => bot.app.request(url.pathname + url.search);

/** Cells of a table of the page, by its id, row by row. */
function cells(html: string, id: string): string[][] {
  const t = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`, 'u').exec(html);
  if (!t) return [];
  return [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/gu)].map((r) => [...r[1]!.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/gu)].map((c) => c[1]!));
}

async function tickAt(bot: TestBot, iso: string) {
  bot.clock.set(iso);
  await bot.tick(new Date(iso));
}

describe('the village public notice page (公示)', () => {
  it('lists decisions with their vote figures, forwarded suggestions and resolved problems, without phones or anonymous authors', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z'), env: { PUBLIC_URL: 'https://guixiang.example.org' } });
    await say(bot, DEMO.zhang, '建议 匿名 村口道路需要硬化');
    await say(bot, DEMO.wang, '建议：建设村史馆 <保存老物件> & "老照片"');
    await say(bot, DEMO.zhang, '建议：修建停车场');
    await say(bot, DEMO.zhang, '建议：路灯太少');
    for (const name of ['杨建国', '张卫东', '王海']) await say(bot, DEMO.leader, `成员 ${name} 村民代表`);
    await say(bot, DEMO.leader, '会议 12月4日下午2点 村民代表会议');
    await tickAt(bot, '2026-12-04T05:45:00Z');
    bot.clock.set('2026-12-04T05:50:00Z');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    for (const n of [1, 2, 3]) await say(bot, DEMO.leader, `表决 建议#${n}`);
    await say(bot, DEMO.leader, '表决 建议#1 赞成 2 反对 0 弃权 0');
    await say(bot, DEMO.leader, '表决 建议#2 赞成 1 反对 1 弃权 0');
    await tickAt(bot, '2026-12-04T06:30:00Z');
    // Nobody pressed a button on 建议#3: none of the two representatives present for it, not adopted.
    await say(bot, DEMO.leader, '审核 建议#4 采纳');
    await say(bot, STATION, '转交 温泉村');

    const link = await publicLink(bot);
    expect(link.origin + link.pathname).toBe('https://guixiang.example.org/dashboard');
    expect(link.searchParams.get('r')).toBe('public:530403101208');
    expect(Number(link.searchParams.get('e'))).toBe(bot.clock().getTime() + 30 * 24 * 3600_000);
    const res = await get(bot, link);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<h1 id="title">江川区江城镇温泉村 · 决策公示</h1>');
    expect(cells(html, 'suggestions')).toEqual([
      ['建议', '内容', '提出人', '决定', '日期', '依据'],
      ['建议#1', '村口道路需要硬化', '匿名', '已采纳并转交规划编制单位', '2026-12-04', '会议#1 村民代表会议表决：应到 3，实到 2，赞成 2，反对 0，弃权 0'],
      ['建议#2', '建设村史馆 &#60;保存老物件&#62; &#38; &#34;老照片&#34;', '王海', '不采纳', '2026-12-04', '会议#1 村民代表会议表决：应到 3，实到 2，赞成 1，反对 1，弃权 0'],
      ['建议#3', '修建停车场', '张卫东', '不采纳', '2026-12-04', '会议#1 村民代表会议表决：应到 3，实到 2，赞成 0，反对 0，弃权 0'],
      ['建议#4', '路灯太少', '张卫东', '已采纳并转交规划编制单位', '2026-12-04', '审核决定'],
    ]);
    expect(cells(html, 'votes')).toEqual([
      ['会议', '日期', '建议', '提出人', '应到', '实到', '赞成', '反对', '弃权', '结果'],
      ['会议#1 村民代表会议', '2026-12-04', '建议#1「村口道路需要硬化」', '匿名', '3', '2', '2', '0', '0', '通过'],
      ['会议#1 村民代表会议', '2026-12-04', '建议#2「建设村史馆 &#60;保存老物件&#62; &#38; &#34;老照片&#34;」', '王海', '3', '2', '1', '1', '0', '未通过'],
      ['会议#1 村民代表会议', '2026-12-04', '建议#3「修建停车场」', '张卫东', '3', '2', '0', '0', '0', '未通过'],
    ]);
    expect(html).toContain('<p class="empty" id="problems">还没有办结的问题。</p>');
    // No phone numbers, no anonymous author, no reviewer or station staff names, no raw markup from people.
    expect(html).not.toMatch(/1390877|杨建国|赵强|<保存/u);
    expect(html.match(/张卫东/gu)).toHaveLength(3);
  });

  it('shows a resolved problem', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '问题：水渠堵塞');
    bot.store.sqlite.prepare("update records set status = 'resolved' where kind = 'problem'").run();
    const html = await (await get(bot, await publicLink(bot))).text();
    expect(cells(html, 'problems')).toEqual([
      ['问题', '内容', '办结日期'],
      ['问题#1', '水渠堵塞', '2026-12-01'],
    ]);
  });

  it('needs its own signature: a tampered or a dashboard link does not open it, and it does not open the dashboard', async () => {
    const bot = await testBot();
    const link = await publicLink(bot);
    const tampered = new URL(link);
    tampered.searchParams.set('r', 'public:530403101209');
    expect((await get(bot, tampered)).status).toBe(403);
    const longer = new URL(link);
    longer.searchParams.set('e', String(Number(link.searchParams.get('e')) + 1));
    expect((await get(bot, longer)).status).toBe(403);
    // The same signature on the village's plain code is not a dashboard link.
    const asDashboard = new URL(link);
    asDashboard.searchParams.set('r', '530403101208');
    expect((await get(bot, asDashboard)).status).toBe(403);
    // Drilling (at=) is ignored: the page stays the village's public page.
    const drilled = new URL(link);
    drilled.searchParams.set('at', '530403');
    expect(await (await get(bot, drilled)).text()).toContain('<h1 id="title">江川区江城镇温泉村 · 决策公示</h1>');
    bot.clock.advance(31 * 24 * 3600_000);
    const expired = await get(bot, link);
    expect(expired.status).toBe(403);
    // It says the public page's own lifetime, not the dashboard's.
    expect(await expired.text()).toContain('这个公示页链接已过期（有效期 30 天）');
  });

  it('is for stations, for villages inside their area', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.leader, '看板 公示 温泉村')).texts).toEqual(['看板只对联络服务站和工作专班开放。']);
    expect((await say(bot, STATION, '看板 公示')).texts).toEqual(['请写上村名，例如「看板 公示 温泉村」。']);
    expect((await say(bot, STATION, '看板 公示 不存在村')).texts).toEqual(['没有找到村「不存在村」。公示页按村生成，例如「看板 公示 温泉村」。']);
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '看板 公示 温泉村')).texts[0]).toMatch(/^抱歉，江川区江城镇温泉村不在您负责的范围内/u);
    const r = await say(bot, { ...DEMO.admin, chatId: 'wenquan-village' }, '看板 公示');
    expect(r.texts[0]).toMatch(/^江川区江城镇温泉村决策公示页（2026-12-31 10:00 前有效，可以转发到村群）：\nhttp:\/\/127\.0\.0\.1:8787\/dashboard\?r=public%3A530403101208&e=\d+&s=[A-Za-z0-9_-]{43}$/u);
  });
});
