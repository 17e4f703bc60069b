import { describe, expect, it } from 'vitest';
import { DEMO, press, say, testBot } from '../support/bot.js';

describe('/list', () => {
  it('lists the village’s records newest first, paged, with statuses', async () => {
    const bot = await testBot();
    for (let i = 1; i <= 12; i++) {
      await say(bot, i % 2 ? DEMO.zhang : DEMO.wang, `建议 第${i}条建议`);
      bot.clock.advance(60_000);
    }
    await say(bot, DEMO.zhang, '问题 水渠堵塞');
    const page1 = await say(bot, DEMO.council, '清单');
    const lines = page1.texts[0]!.split('\n');
    expect(lines[0]).toBe('江川区江城镇温泉村 建议清单（共 12 条，第 1/2 页）');
    expect(lines[1]).toBe('建议#12 [待审核] 第12条建议 —王海 12-01');
    expect(lines).toHaveLength(11);
    expect(page1.replies[0]!.buttons).toEqual([[{ label: '下一页', value: 'list:suggestion:2' }]]);
    const page2 = await press(bot, DEMO.council, 'list:suggestion:2');
    expect(page2.replies[0]!.text.split('\n')).toEqual([
      '江川区江城镇温泉村 建议清单（共 12 条，第 2/2 页）',
      '建议#2 [待审核] 第2条建议 —王海 12-01',
      '建议#1 [待审核] 第1条建议 —张卫东 12-01',
    ]);
    expect((await say(bot, DEMO.council, '清单 建议 2')).texts[0]).toBe(page2.replies[0]!.text);
    expect((await say(bot, DEMO.council, '清单 问题')).texts[0]).toBe('江川区江城镇温泉村 问题清单（共 1 条，第 1/1 页）\n问题#1 [待交办] 水渠堵塞 —张卫东 12-01');
    expect((await say(bot, DEMO.council, '清单 村规')).texts).toEqual(['江川区江城镇温泉村还没有村规记录。']);
    expect((await say(bot, DEMO.council, '清单 建议 9')).texts).toEqual(['只有 2 页。']);
    expect((await say(bot, DEMO.council, '清单 天气')).texts).toEqual(['清单可以看：建议、实事、问题、走访、村规，例如「清单 问题」或「清单 建议 2」（第 2 页）。']);
  });

  it('needs a bound village chat', async () => {
    const bot = await testBot();
    expect((await say(bot, { ...DEMO.township, chatId: 'unbound' }, '清单')).texts).toEqual(['本群还没有绑定到村或联络站。请联络站或工作专班在群里发送「绑定 村名」。']);
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '清单')).texts).toEqual(['这个命令要在村庄规划编制组的群里使用。']);
  });
});

describe('the console routes', () => {
  it('rejects malformed posts without writing anything', async () => {
    const bot = await testBot();
    const post = (body: string) => bot.app.request('/dev/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ chatId: 'x', userId: 'y', userName: 'z' }))).status).toBe(400);
    expect((await post(JSON.stringify({ chatId: '', userId: 'y', userName: 'z', text: 'hi' }))).status).toBe(400);
    expect((await post(JSON.stringify({ chatId: 'x', userId: 'y', userName: 'z', text: 'a'.repeat(70_000) }))).status).toBe(413);
    expect((await bot.app.request('/dev/messages?chatId=x&after=-1')).status).toBe(400);
    expect((await bot.app.request('/dev/messages')).status).toBe(400);
    const health = (await (await bot.app.request('/healthz')).json()) as { outbox: { pending: number; sent: number } };
    expect(health.outbox).toEqual({ pending: 0, sent: 0, dead: 0 });
  });

  it('serves the console page listing the demo chats and members', async () => {
    const bot = await testBot();
    const html = await (await bot.app.request('/dev')).text();
    expect(html).toContain('温泉村规划编制组');
    expect(html).toContain('张卫东');
  });

  it('is not reachable when a platform is configured and DEV_CONSOLE is not 1', async () => {
    const bot = await testBot({ env: { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: 's3cret', DASHBOARD_SECRET: 'list-test-dashboard-secret', TELEGRAM_BOT_INFO: JSON.stringify({ id: 123, is_bot: true, first_name: 'gx', username: 'guixiang_bot' }) } });
    expect((await bot.app.request('/dev')).status).toBe(404);
    expect((await bot.app.request('/dev/messages', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await bot.app.request('/healthz')).status).toBe(200);
  });
});
