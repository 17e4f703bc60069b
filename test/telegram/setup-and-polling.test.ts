import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { commandMenus } from '../../src/bot/platforms/telegram/command-menu.js';
import { setUpTelegram } from '../../src/bot/platforms/telegram/setup.js';
import { COMMANDS } from '../../src/domain/commands.js';
import { fakeBotApi } from './support/fake-bot-api.js';
import { groupText, telegramTestBot } from './support/telegram-bot.js';

describe('npm run telegram:setup', () => {
  it('sets the webhook with its secret and the updates the bot needs, then the Chinese command menus', async () => {
    const fake = fakeBotApi();
    const api = new Api('123456:TEST-token-not-real', { apiRoot: 'https://bot-api.test', fetch: fake.fetch });
    const lines: string[] = [];
    await setUpTelegram({ api, mode: 'webhook', publicUrl: 'https://guixiang.example.cn/', secret: 's3cret', say: (l) => lines.push(l) });
    expect(fake.calls[0]).toMatchObject({
      method: 'setWebhook',
      payload: {
        url: 'https://guixiang.example.cn/webhook/telegram',
        secret_token: 's3cret',
        allowed_updates: ['message', 'callback_query', 'my_chat_member'],
        drop_pending_updates: false,
      },
    });
    const menus = fake.callsOf('setMyCommands').map((c) => c.payload as { scope: { type: string }; commands: { command: string; description: string }[] });
    expect(menus.map((m) => m.scope)).toEqual([{ type: 'default' }, { type: 'all_group_chats' }, { type: 'all_chat_administrators' }]);
    expect(menus[0]!.commands.map((c) => c.command)).not.toContain('join');
    expect(menus[1]!.commands).toContainEqual({ command: 'join', description: '在村群登记为回乡干部' });
    expect(menus[1]!.commands.map((c) => c.command)).not.toContain('bind');
    expect(menus[2]!.commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => c.name));
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('keeps every menu within what Telegram accepts', () => {
    for (const menu of commandMenus()) {
      for (const c of menu.commands) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/u);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
  });

  it('refuses to set a webhook without PUBLIC_URL, saying what to set', async () => {
    const fake = fakeBotApi();
    const api = new Api('123456:TEST-token-not-real', { apiRoot: 'https://bot-api.test', fetch: fake.fetch });
    await expect(setUpTelegram({ api, mode: 'webhook', secret: 's', say: () => {} })).rejects.toThrow(/PUBLIC_URL/u);
    expect(fake.calls).toEqual([]);
  });

  it('removes the webhook in polling mode', async () => {
    const fake = fakeBotApi();
    const api = new Api('123456:TEST-token-not-real', { apiRoot: 'https://bot-api.test', fetch: fake.fetch });
    await setUpTelegram({ api, mode: 'polling', say: () => {} });
    expect(fake.calls.map((c) => c.method)).toEqual(['deleteWebhook', 'setMyCommands', 'setMyCommands', 'setMyCommands']);
  });
});

describe('TELEGRAM_MODE=polling', () => {
  it('takes updates by long polling through the same handler, and serves no webhook', async () => {
    const bot = await telegramTestBot({ TELEGRAM_MODE: 'polling' });
    const webhook = await bot.post(groupText('/help'));
    expect(webhook.status).toBe(404);

    bot.fake.queueUpdates(groupText('/visit 走访了五保户'));
    const telegram = bot.adapters.get('telegram')!;
    expect(telegram.registerRoutes).toBeUndefined();
    const polling = telegram.start!();
    for (let i = 0; i < 200 && bot.fake.sends().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await telegram.stop!();
    await polling;
    await bot.settle();

    expect(bot.fake.calls[0]).toMatchObject({ method: 'deleteWebhook' });
    expect(bot.fake.callsOf('getUpdates')[0]?.payload).toMatchObject({ allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
    expect(bot.fake.sends().map((c) => c.payload.text)).toEqual([
      '已记录 走访#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ✅实地走访 ⬜中肯建议 ⬜为民实事 ⬜村规民约',
    ]);
    expect(bot.store.sqlite.prepare('select text from records').all()).toEqual([{ text: '走访了五保户' }]);
  });
});
