import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, say, testBot, type TestBot } from '../support/bot.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const title = present ? 'dashboard in headless Chromium' : `dashboard in headless Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)`;

describe.skipIf(!present)(title, () => {
  let bot: TestBot;
  let server: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    bot = await testBot();
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.zhang, '走访 走访了三户老党员');
    await say(bot, DEMO.wang, '实事 修好了村口路灯');
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: bot.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('opens the county from the signed link, draws the chart, and drills down to a village', async () => {
    await say(bot, { ...DEMO.county, chatId: 'jiangchuan-station' }, '看板');
    const res = await bot.app.request('/dev/messages?chatId=private-u-jiangchuan');
    const [message] = ((await res.json()) as { messages: { text: string }[] }).messages;
    const link = new URL(/https?:\/\/\S+/u.exec(message!.text)![0]);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Chromium asks for /favicon.ico on its own; any other failed request is a fault of the page.
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await page.goto(base + link.pathname + link.search);
    await expect.poll(() => page.textContent('#title')).toBe('江川区 · 本月（12-01至12-31）');
    // The chart is drawn by the page's own script: one bar per township.
    await expect.poll(() => page.locator('#chart rect.bar').count()).toBe(8);
    expect(await page.locator('#chart text.label').allTextContents()).toEqual(['星云街道', '宁海街道', '江城镇', '前卫镇', '九溪镇', '路居镇', '安化彝族乡', '雄关乡']);
    expect(await page.locator('#chart text.value').nth(2).textContent()).toBe('15%');

    await page.click('a.drill:text-is("江城镇")');
    await expect.poll(() => page.textContent('#title')).toBe('江川区江城镇 · 本月（12-01至12-31）');
    expect(await page.locator('#crumbs').textContent()).toBe('江川区 › 江城镇');
    await page.click('a.drill:text-is("温泉村")');
    await expect.poll(() => page.textContent('#title')).toBe('江川区江城镇温泉村 · 本月（12-01至12-31）');
    expect(await page.locator('#cadres tbody th').allTextContents()).toEqual(['李秀英', '王海', '杨建国', '张卫东']);
    expect(await page.locator('#cadres tbody tr:has(th:text-is("张卫东")) td').allTextContents()).toEqual(['已登记', '⬜', '✅ 1', '✅ 1', '⬜', '⬜', '2/5', '12-01']);

    // Back up through the breadcrumb, then switch the period.
    await page.click('#crumbs a:text-is("江川区")');
    await expect.poll(() => page.textContent('#title')).toBe('江川区 · 本月（12-01至12-31）');
    await page.click('#periods a:text-is("全部")');
    await expect.poll(() => page.textContent('#title')).toBe('江川区 · 全部');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a refusal page for a tampered link', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/dashboard?r=530403&e=${Date.now() + 3600_000}&s=forged`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('#error')).toBe('这个看板链接无效。请在群里或私聊我发送「看板」重新获取。');
    await page.close();
  });
});
