import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, CHROMIUM_PATH } from '../support/chromium.js';
import type { WorkbookWriter } from '../../src/bot/features/spreadsheets/export.js';
import { testBot, type TestBot } from '../support/bot.js';

/** A test bot served on loopback and a Chromium to open its console, for the tests of one describe. */
function servedInChromium(make: () => Promise<TestBot>) {
  const t = {} as { bot: TestBot; server: ServerType; base: string; browser: Browser };
  beforeAll(async () => {
    t.bot = await make();
    await new Promise<void>((resolve) => {
      t.server = serve({ fetch: t.bot.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    t.base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    t.browser = await launchChromium();
  });
  afterAll(async () => {
    await t.browser?.close();
    t.server?.close();
  });
  return t;
}

describe.skipIf(!hasChromium)(`local console in headless Chromium (${CHROMIUM_PATH})`, () => {
  const t = servedInChromium(() => testBot());

  it('a demo cadre sends 建议 测试 and sees the numbered reply', async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.base}/dev`);
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
    const page = await t.browser.newPage();
    await page.goto(`${t.base}/dev`);
    await page.selectOption('#chat-select', 'jiangcheng-station');
    await page.selectOption('#user-select', 'u-jiangcheng');
    // Someone applies to join in the village chat: the station's chat is told, and the page shows it.
    await t.bot.app.request('/dev/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'wenquan-village', userId: 'u-new', userName: '小李', text: '登记 赵小梅' }),
    });
    await page.locator('.msg.bot', { hasText: '新的登记申请#1' }).waitFor({ timeout: 10_000 });
  });
});

describe.skipIf(!hasChromium)('local console shows everything a person would see', () => {
  // As `npm start` builds it: with the workbook writer, so 导出 sends a file.
  const writeWorkbook: WorkbookWriter = async (sheets, at) => (await import('../../src/bot/features/spreadsheets/workbook.js')).writeWorkbook(sheets, at);
  const t = servedInChromium(() => testBot({ deps: { writeWorkbook } }));

  it('keeps the conversation, the sender’s own words too, across a reload', async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.base}/dev`);
    await page.selectOption('#chat-select', 'wenquan-village');
    await page.selectOption('#user-select', 'u-zhang');
    await page.fill('#input', '走访 看望了五保户');
    await page.click('#send');
    await page.locator('.msg.bot', { hasText: '走访#1' }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.locator('.msg.bot', { hasText: '走访#1' }).waitFor({ timeout: 10_000 });
    const order = await page.locator('.msg.me, .msg.bot').allInnerTexts();
    expect(order.findIndex((t) => t.includes('走访 看望了五保户'))).toBeGreaterThanOrEqual(0);
    expect(order.findIndex((t) => t.includes('走访 看望了五保户'))).toBeLessThan(order.findIndex((t) => t.includes('已记录 走访#1')));
  });

  it('offers a new, unbound group where a station can try 绑定', async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.base}/dev`);
    await page.selectOption('#user-select', 'u-jiangcheng');
    await page.selectOption('#chat-select', '__new__');
    await page.fill('#custom-chat-name', '孤山村规划群');
    await page.press('#custom-chat-name', 'Enter');
    await page.locator('#custom-chat-name').dispatchEvent('change');
    await page.fill('#input', '绑定 孤山村');
    await page.click('#send');
    await page.locator('.msg.bot', { hasText: '孤山村' }).waitFor({ timeout: 10_000 });
    const row = t.bot.store.sqlite.prepare("select region_code as code from chats where platform = 'local' and chat_id = 'group-孤山村规划群'").get();
    expect(row).toEqual({ code: '530403101201' });
  });

  it('shows private messages in the member’s private chat, and files as downloads', async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.base}/dev`);
    await page.selectOption('#user-select', 'u-jiangcheng');
    // The station opens its private chat with the t.bot, then asks for the ledger there.
    await page.selectOption('#chat-select', '__private__');
    await page.fill('#input', '导出');
    await page.click('#send');
    const link = page.locator('.msg.bot a.file');
    await link.waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/u);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    // An XLSX is a ZIP: it starts with PK.
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('shows a button’s answer as a toast', async () => {
    // Someone asks to join the village group: the leader sees 批准 / 驳回 under the notice.
    await t.bot.app.request('/dev/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'wenquan-village', userId: 'u-zhaoxm', userName: '赵小梅', text: '登记 赵小梅' }),
    });
    const page = await t.browser.newPage();
    await page.goto(`${t.base}/dev`);
    await page.selectOption('#chat-select', 'wenquan-village');
    await page.selectOption('#user-select', 'u-yang');
    const approve = page.locator('.msg.bot button', { hasText: '批准' }).last();
    await approve.waitFor({ timeout: 10_000 });
    await approve.click();
    await page.locator('#toast:not([hidden])').waitFor({ timeout: 10_000 });
    expect((await page.locator('#toast').textContent())?.trim()).toBeTruthy();
    expect(t.bot.store.sqlite.prepare("select status from join_requests order by id desc limit 1").get()).toEqual({ status: 'approved' });
  });
});
