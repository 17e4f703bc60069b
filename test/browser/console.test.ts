import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, CHROMIUM_PATH } from '../support/chromium.js';
import { testBot, type TestBot } from '../support/bot.js';

describe.skipIf(!hasChromium)(`local console in headless Chromium (${CHROMIUM_PATH})`, () => {
  let bot: TestBot;
  let server: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    bot = await testBot();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: bot.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('a demo cadre sends 建议 测试 and sees the numbered reply', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dev`);
    await page.selectOption('#chat-select', 'wenquan-village');
    await page.selectOption('#user-select', 'u-zhang');
    await page.fill('#input', '建议 测试');
    await page.click('#send');
    const reply = page.locator('.msg.bot', { hasText: '建议#1' });
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toContain('已记录 建议#1（江川区江城镇温泉村）');
    await expect.poll(() => page.locator('.msg.me').allInnerTexts()).toEqual([expect.stringContaining('建议 测试')]);
  });

  it('shows a message queued for the chat later (polling)', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dev`);
    await page.selectOption('#chat-select', 'jiangcheng-station');
    await page.selectOption('#user-select', 'u-jiangcheng');
    // Someone applies to join in the village chat: the station's chat is told, and the page shows it.
    await bot.app.request('/dev/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'wenquan-village', userId: 'u-new', userName: '小李', text: '登记 赵小梅' }),
    });
    await page.locator('.msg.bot', { hasText: '新的登记申请#1' }).waitFor({ timeout: 10_000 });
  });
});
