import { describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.js';
import { DEMO, say, testBot, type TestBot } from '../support/bot.js';

const COUNTY = { ...DEMO.county, chatId: 'jiangchuan-station' };
const DAY = 24 * 3600_000;

/** Messages the local console holds for a chat (a private chat is "private-<user>"). */
async function inbox(bot: Bot, chatId: string): Promise<string[]> {
  const res = await bot.app.request(`/dev/messages?chatId=${encodeURIComponent(chatId)}`);
  return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
}

async function dashboardLink(bot: TestBot, from = COUNTY, args = ''): Promise<URL> {
  const r = await say(bot, from, `看板${args ? ` ${args}` : ''}`);
  expect(r.texts).toEqual(['看板链接已私信发给您，请在与我的私聊里查看。']);
  const texts = await inbox(bot, `private-${from.userId}`);
  const url = /https?:\/\/\S+/u.exec(texts.at(-1)!)![0];
  return new URL(url);
}

const get = (bot: Bot, url: URL | string) => bot.app.request(typeof url === 'string' ? url : url.pathname + url.search);

describe('/dashboard 看板', () => {
  it('sends a station a signed 24-hour link in private', async () => {
    const bot = await testBot({ env: { PUBLIC_URL: 'https://guixiang.example.org' } });
    const r = await say(bot, COUNTY, '看板');
    expect(r.texts).toEqual(['看板链接已私信发给您，请在与我的私聊里查看。']);
    const [text] = await inbox(bot, 'private-u-jiangchuan');
    const m = /^江川区统计看板（2026-12-02 10:00 前有效，请勿转发）：\nhttps:\/\/guixiang\.example\.org\/dashboard\?r=530403&e=(\d+)&s=([A-Za-z0-9_-]{43})$/u.exec(text!);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(bot.clock().getTime() + DAY);
  });

  it('answers in place when asked in private', async () => {
    const bot = await testBot();
    const r = await say(bot, { ...DEMO.county, chatId: 'private-u-jiangchuan' }, '看板 江城镇 本周');
    expect(r.texts).toHaveLength(1);
    expect(r.texts[0]).toMatch(/^江川区江城镇本周统计看板（2026-12-02 10:00 前有效，请勿转发）：\nhttp:\/\/127\.0\.0\.1:8787\/dashboard\?r=530403101&e=\d+&s=[A-Za-z0-9_-]+&p=week$/u);
  });

  it('is for stations only, within their area', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '看板')).texts).toEqual(['看板只对联络服务站和工作专班开放。']);
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '看板 江川区')).texts).toEqual([
      '抱歉，江川区不在您负责的范围内，看不了它的统计。您可以查看：江川区江城镇。',
    ]);
  });

  it('shows the same numbers as /stats and drills from the county to a village', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.wang, '实事 修好了村口路灯');
    const link = await dashboardLink(bot);
    const county = await get(bot, link);
    expect(county.status).toBe(200);
    expect(county.headers.get('cache-control')).toBe('no-store');
    expect(county.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await county.text();
    expect(html).toContain('<h1 id="title">江川区 · 本月（12-01至12-31）</h1>');
    expect(html).toContain('<dt>五个一完成率</dt><dd>10%</dd>');
    expect(html).toContain('"labels":["星云街道","宁海街道","江城镇","前卫镇","九溪镇","路居镇","安化彝族乡","雄关乡"]');
    const township = /<a class="drill" href="([^"]+)">江城镇<\/a>/u.exec(html)![1]!.replace(/&amp;/gu, '&');
    const townHtml = await (await get(bot, township)).text();
    expect(townHtml).toContain('<nav id="crumbs"><a class="crumb" href="');
    expect(townHtml).toContain('<span class="crumb current">江城镇</span>');
    const village = /<a class="drill" href="([^"]+)">温泉村<\/a>/u.exec(townHtml)![1]!.replace(/&amp;/gu, '&');
    const villageHtml = await (await get(bot, village)).text();
    expect(villageHtml).toContain('<h1 id="title">江川区江城镇温泉村 · 本月（12-01至12-31）</h1>');
    expect(villageHtml).toContain('<tr class="cadre"><th scope="row">张卫东</th><td>已登记</td><td class="num">⬜</td><td class="num">⬜</td><td class="num">✅ 1</td><td class="num">⬜</td><td class="num">⬜</td><td class="num">1/5</td><td>12-01</td></tr>');
    expect(villageHtml).toContain('<th scope="row">李秀英</th><td>未登记</td>');
  });

  it('refuses a tampered link, a region outside it, and an expired one', async () => {
    const bot = await testBot();
    const link = await dashboardLink(bot);
    const refused = async (url: URL | string, text: string) => {
      const res = await get(bot, url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(`<p id="error">${text}</p>`);
    };
    const invalid = '这个看板链接无效。请在群里或私聊我发送「看板」重新获取。';
    const other = new URL(link);
    other.searchParams.set('r', '530402'); // 红塔区 with 江川区's signature
    await refused(other, invalid);
    const longer = new URL(link);
    longer.searchParams.set('e', String(Number(link.searchParams.get('e')) + DAY));
    await refused(longer, invalid);
    const forged = new URL(link);
    forged.searchParams.set('s', 'A'.repeat(43));
    await refused(forged, invalid);
    await refused('/dashboard', invalid);
    const outside = new URL(link);
    outside.searchParams.set('at', '530402001');
    await refused(outside, '这个地区不在链接的范围内。');

    bot.clock.advance(DAY - 1);
    expect((await get(bot, link)).status).toBe(200);
    bot.clock.advance(1);
    await refused(link, '这个看板链接已过期（有效期 24 小时）。请发送「看板」重新获取。');
  });

  it('signs with a secret of this database unless DASHBOARD_SECRET is set', async () => {
    const a = await testBot();
    const b = await testBot();
    const link = await dashboardLink(a);
    expect((await get(a, link)).status).toBe(200);
    expect((await get(b, link)).status).toBe(403);

    const secret = { DASHBOARD_SECRET: 'a-long-shared-dashboard-secret' };
    const c = await testBot({ env: secret });
    const d = await testBot({ env: secret });
    expect((await get(d, await dashboardLink(c))).status).toBe(200);
  });
});
