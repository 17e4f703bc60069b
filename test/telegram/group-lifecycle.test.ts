import { describe, expect, it } from 'vitest';
import { INACTIVE_CHAT_ERROR } from '../../src/bot/engine/outbox/dispatcher.js';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { msg } from '../../src/domain/messages.js';
import { fixture, groupText, telegramTestBot, TG, VILLAGE_GROUP, type TelegramTestBot } from './support/telegram-bot.js';

const OLD_GROUP = '-4012345678';
const SUPERGROUP = '-1004012345678';
const FORUM = '-1002223334445';

function chatRow(bot: TelegramTestBot, chatId: string) {
  return bot.store.sqlite
    .prepare("select chat_id, thread_id, region_code, purpose, active from chats where platform = 'telegram' and chat_id = ?")
    .get(chatId);
}

/** The fixture group bound to 温泉村 under its basic-group id, before the upgrade. */
async function bindOldGroup(bot: TelegramTestBot) {
  const { bindChatStatement } = await import('../../src/db/repo/chats.js');
  await bot.store.commit([
    bindChatStatement(
      bot.store.db,
      { platform: 'telegram', chatId: OLD_GROUP, threadId: null, type: 'group' },
      { regionCode: '530403101208', purpose: 'village', boundBy: 'demo-admin', title: '温泉村规划编制组' },
      bot.clock().getTime(),
    ),
  ]);
}

describe('the bot added to and removed from groups', () => {
  it('greets a group it is added to, with how to bind it', async () => {
    const bot = await telegramTestBot();
    const res = await bot.post(fixture('my-chat-member-added'));
    await bot.settle();
    expect(res.status).toBe(200);
    expect(bot.fake.sends().map((c) => c.payload)).toEqual([
      { chat_id: '-1001555000111', text: msg.greeting.replace(/"/gu, '&quot;'), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    ]);
    expect(chatRow(bot, '-1001555000111')).toEqual({ chat_id: '-1001555000111', thread_id: null, region_code: null, purpose: null, active: 1 });
  });

  it('marks a group inactive when removed, and sends nothing more there', async () => {
    const bot = await telegramTestBot();
    await bot.post(fixture('my-chat-member-removed'));
    await bot.settle();
    expect(chatRow(bot, VILLAGE_GROUP)).toMatchObject({ active: 0, region_code: '530403101208' });

    const now = bot.clock().getTime();
    const to = { platform: 'telegram' as const, chatId: VILLAGE_GROUP, threadId: null };
    await bot.store.commit([enqueueStatement(bot.store.db, { to, text: '明天上午九点开会' }, 'reminder:meeting-1', now)]);
    await bot.dispatcher.drain('telegram');
    expect(bot.fake.sends()).toEqual([]);
    expect(bot.store.sqlite.prepare("select state, last_error from outbox where key = 'reminder:meeting-1'").get()).toEqual({
      state: 'dead',
      last_error: INACTIVE_CHAT_ERROR,
    });
  });
});

describe('a person blocking the bot in private', () => {
  it('marks the private chat inactive and the person unreachable there; un-blocking alone sends nothing', async () => {
    const bot = await telegramTestBot();
    const me = { id: TG.zhang.id, is_bot: false, first_name: TG.zhang.name };
    const privateChat = { id: TG.zhang.id, first_name: TG.zhang.name, type: 'private' };
    const botUser = { id: 7000000001, is_bot: true, first_name: '归乡', username: 'guixiang_bot' };
    await bot.post(groupText('/me', TG.zhang, String(TG.zhang.id)));
    await bot.settle();
    await bot.post({
      update_id: 730015001,
      my_chat_member: { chat: privateChat, from: me, date: 1796090500, old_chat_member: { user: botUser, status: 'member' }, new_chat_member: { user: botUser, status: 'kicked', until_date: 0 } },
    });
    expect(chatRow(bot, '1001')).toMatchObject({ active: 0 });
    expect(bot.store.sqlite.prepare("select unreachable_at from identities where platform = 'telegram' and user_id = '1001'").get()).toEqual({
      unreachable_at: bot.clock().getTime(),
    });

    bot.fake.clear();
    await bot.post({
      update_id: 730015002,
      my_chat_member: { chat: privateChat, from: me, date: 1796090600, old_chat_member: { user: botUser, status: 'kicked', until_date: 0 }, new_chat_member: { user: botUser, status: 'member' } },
    });
    await bot.settle();
    expect(bot.fake.calls).toEqual([]);

    // Writing to the bot again in private makes the person reachable there again.
    await bot.post({
      update_id: 730015003,
      message: { message_id: 77, from: me, chat: privateChat, date: 1796090700, text: '/me', entities: [{ offset: 0, length: 3, type: 'bot_command' }] },
    });
    await bot.settle();
    expect(chatRow(bot, '1001')).toMatchObject({ active: 1 });
    expect(bot.store.sqlite.prepare("select unreachable_at from identities where platform = 'telegram' and user_id = '1001'").get()).toEqual({ unreachable_at: null });
    expect(bot.fake.sends().map((c) => String(c.payload.chat_id))).toEqual(['1001']);
  });
});

describe('a group upgraded to a supergroup', () => {
  it('moves the binding, records, conversations and pending messages with migrate_to_chat_id', async () => {
    const bot = await telegramTestBot();
    await bindOldGroup(bot);
    await bot.post(groupText('/deed 修好了村口水管', TG.zhang, OLD_GROUP));
    await bot.settle();
    // Replies still waiting: Telegram asked us to slow down in the old group.
    bot.fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 30', parameters: { retry_after: 30 } });
    await bot.post(groupText('/me', TG.zhang, OLD_GROUP, 501));
    await bot.post(groupText('/suggest', TG.zhang, OLD_GROUP, 502));
    await bot.settle();
    expect(bot.store.sqlite.prepare('select chat_id, state from outbox order by id').all()).toEqual([
      { chat_id: OLD_GROUP, state: 'sent' },
      { chat_id: OLD_GROUP, state: 'pending' },
      { chat_id: OLD_GROUP, state: 'pending' },
    ]);

    const res = await bot.post(fixture('migrate-to-chat'));
    await bot.settle();
    expect(res.status).toBe(200);
    expect(chatRow(bot, OLD_GROUP)).toBeUndefined();
    expect(chatRow(bot, SUPERGROUP)).toEqual({ chat_id: SUPERGROUP, thread_id: null, region_code: '530403101208', purpose: 'village', active: 1 });
    expect(bot.store.sqlite.prepare('select kind, chat_id from records').all()).toEqual([{ kind: 'deed', chat_id: SUPERGROUP }]);
    expect(bot.store.sqlite.prepare('select chat_id, kind from conversations').all()).toEqual([{ chat_id: SUPERGROUP, kind: 'record' }]);
    expect(bot.store.sqlite.prepare('select chat_id, state from outbox order by id').all()).toEqual([
      { chat_id: OLD_GROUP, state: 'sent' },
      { chat_id: SUPERGROUP, state: 'pending' },
      { chat_id: SUPERGROUP, state: 'pending' },
    ]);

    // Once Telegram lets us, the held replies go to the supergroup, in order.
    bot.fake.clear();
    bot.clock.advance(30_000);
    await bot.dispatcher.drain('telegram');
    expect(bot.fake.sends().map((c) => [c.payload.chat_id, c.payload.text])).toEqual([
      [SUPERGROUP, expect.stringMatching(/^<b>我的五个一<\/b>\n张卫东 · 江川区江城镇温泉村\n/u)],
      [SUPERGROUP, msg.recordPrompt('suggestion')],
    ]);

    // The conversation begun before the upgrade finishes in the supergroup.
    await bot.post(groupText('村口路灯坏了', TG.zhang, SUPERGROUP, 5));
    await bot.settle();
    expect(bot.store.sqlite.prepare("select chat_id, text from records where kind = 'suggestion'").all()).toEqual([{ chat_id: SUPERGROUP, text: '村口路灯坏了' }]);

    // The notice in the new supergroup describes the same move and moves nothing twice.
    const fromSide = fixture<{ update_id: number; message: Record<string, unknown> }>('migrate-to-chat', (u) => {
      u.update_id = 730012106;
      u.message.chat = { id: Number(SUPERGROUP), title: '温泉村规划编制组', type: 'supergroup' };
      delete u.message.migrate_to_chat_id;
      u.message.migrate_from_chat_id = Number(OLD_GROUP);
    });
    expect((await bot.post(fromSide)).status).toBe(200);
    expect(chatRow(bot, SUPERGROUP)).toMatchObject({ region_code: '530403101208', active: 1 });
  });

  it('re-targets a message when the Bot API answers 400 with migrate_to_chat_id', async () => {
    const bot = await telegramTestBot();
    await bindOldGroup(bot);
    bot.fake.fail('sendMessage', {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: Number(SUPERGROUP) },
    });
    await bot.post(groupText('/problem 村道塌方', TG.zhang, OLD_GROUP));
    await bot.settle();
    expect(chatRow(bot, SUPERGROUP)).toMatchObject({ region_code: '530403101208' });
    expect(bot.store.sqlite.prepare('select chat_id from records').all()).toEqual([{ chat_id: SUPERGROUP }]);

    await bot.dispatcher.drain('telegram');
    expect(bot.fake.sends().map((c) => c.payload.chat_id)).toEqual([OLD_GROUP, SUPERGROUP]);
    expect(bot.store.sqlite.prepare('select chat_id, state, attempts from outbox').all()).toEqual([{ chat_id: SUPERGROUP, state: 'sent', attempts: 0 }]);
  });
});

describe('forum topics', () => {
  it('replies in the topic and keeps the topic with the binding', async () => {
    const bot = await telegramTestBot();
    await bot.post(fixture('forum-topic'));
    await bot.settle();
    const [reply] = bot.fake.sends();
    expect(reply?.payload).toMatchObject({ chat_id: FORUM, message_thread_id: 42, reply_parameters: { message_id: 310, allow_sending_without_reply: true } });
    expect(String(reply?.payload.text)).toContain('江川区江城镇温泉村');
    expect(chatRow(bot, FORUM)).toEqual({ chat_id: FORUM, thread_id: '42', region_code: '530403101208', purpose: 'village', active: 1 });

    // A message queued for the chat later (a reminder) lands in the same topic.
    const chat = bot.store.sqlite.prepare("select chat_id, thread_id from chats where chat_id = ?").get(FORUM) as { chat_id: string; thread_id: string };
    await bot.store.commit([
      enqueueStatement(bot.store.db, { to: { platform: 'telegram', chatId: chat.chat_id, threadId: chat.thread_id }, text: '提醒' }, 'reminder:1', bot.clock().getTime()),
    ]);
    await bot.dispatcher.drain('telegram');
    expect(bot.fake.sends()[1]?.payload).toMatchObject({ chat_id: FORUM, message_thread_id: 42, text: '提醒' });
  });
});

describe('when Telegram refuses', () => {
  it('waits out 429 for that chat only, while other chats are served', async () => {
    const bot = await telegramTestBot();
    const now = bot.clock().getTime();
    const a = { platform: 'telegram' as const, chatId: VILLAGE_GROUP, threadId: null };
    const b = { platform: 'telegram' as const, chatId: '-1009999', threadId: null };
    await bot.store.commit([
      enqueueStatement(bot.store.db, { to: a, text: '一' }, 'a1', now),
      enqueueStatement(bot.store.db, { to: a, text: '二' }, 'a2', now),
      enqueueStatement(bot.store.db, { to: b, text: '三' }, 'b1', now),
    ]);
    bot.fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 42', parameters: { retry_after: 42 } });
    const result = await bot.dispatcher.drain('telegram');
    expect(result).toEqual({ sent: 1, retried: 1, dead: 0 });
    expect(bot.store.sqlite.prepare('select key, state, next_attempt_at - ? as wait from outbox order by id').all(now)).toEqual([
      { key: 'a1', state: 'pending', wait: 42_000 },
      { key: 'a2', state: 'pending', wait: 0 },
      { key: 'b1', state: 'sent', wait: 0 },
    ]);
    bot.clock.advance(42_000);
    await bot.dispatcher.drain('telegram');
    // The first 一 is the refused attempt; the retry comes after the wait, then the rest of the chat.
    expect(bot.fake.sends().map((c) => c.payload.text)).toEqual(['一', '三', '一', '二']);
  });

  it('marks a person unreachable when their private chat answers 403', async () => {
    const bot = await telegramTestBot();
    bot.fake.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const update = groupText('/me', TG.zhang, String(TG.zhang.id));
    update.message.chat = { id: TG.zhang.id, first_name: '张卫东', type: 'private' } as unknown as typeof update.message.chat;
    await bot.post(update);
    await bot.settle();
    expect(bot.store.sqlite.prepare('select state, last_error from outbox').get()).toEqual({
      state: 'dead',
      last_error: 'telegram sendMessage 403: Forbidden: bot was blocked by the user',
    });
    expect(bot.store.sqlite.prepare("select unreachable_at from identities where platform = 'telegram' and user_id = '1001'").get()).toEqual({
      unreachable_at: bot.clock().getTime(),
    });
    expect(chatRow(bot, '1001')).toMatchObject({ active: 0 });
  });
});
