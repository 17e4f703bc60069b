import { describe, expect, it } from 'vitest';
import { msg } from '../../src/domain/messages.js';
import { fixture, groupText, press, telegramTestBot, TG, VILLAGE_GROUP } from './support/telegram-bot.js';

const NEWCOMER = { id: 2001, name: '赵小云' };

describe('inline keyboards and callback queries', () => {
  it('sends choices as an inline keyboard, answers the press with a toast, and records a double tap once', async () => {
    const bot = await telegramTestBot();
    await bot.post(groupText('/join 赵小云', NEWCOMER));
    await bot.settle();
    const notice = bot.fake.sends()[1]!;
    expect(notice.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: '批准', callback_data: 'approve:1' }, { text: '驳回', callback_data: 'reject:1' }]],
    });
    bot.fake.clear();

    const res = await bot.post(fixture('callback-query'));
    expect(res.status).toBe(200);
    await bot.settle();
    expect(bot.fake.callsOf('answerCallbackQuery').map((c) => c.payload)).toEqual([{ callback_query_id: '4382bfdwdsb323b2d9', text: msg.done }]);
    expect(bot.fake.sends().map((c) => c.payload.text)).toEqual([msg.approved('赵小云', '江川区江城镇温泉村')]);

    // The second tap is a new callback query with its own id: answered, but nothing more happens.
    bot.fake.clear();
    await bot.post(press('approve:1', TG.leader, 'second-tap'));
    await bot.settle();
    expect(bot.fake.callsOf('answerCallbackQuery').map((c) => c.payload)).toEqual([{ callback_query_id: 'second-tap', text: msg.requestNotFound(1) }]);
    expect(bot.fake.sends()).toEqual([]);
    const people = bot.store.sqlite.prepare("select person_id, display_name from identities where platform = 'telegram' and user_id = '2001'").all();
    expect(people).toEqual([{ person_id: 'join-1', display_name: '赵小云' }]);
    expect(bot.store.sqlite.prepare("select status from join_requests").all()).toEqual([{ status: 'approved' }]);
  });

  it('answers a press on an unknown or expired button, and one without a message', async () => {
    const bot = await telegramTestBot();
    await bot.post(press('meeting-old:9', TG.zhang, 'unknown-button'));
    const noMessage = press('approve:1', TG.zhang, 'inline-press') as { callback_query: Record<string, unknown> };
    delete noMessage.callback_query.message;
    noMessage.callback_query.inline_message_id = 'AAAAAGhq';
    await bot.post(noMessage);
    await bot.settle();
    expect(bot.fake.callsOf('answerCallbackQuery').map((c) => c.payload)).toEqual([
      { callback_query_id: 'unknown-button', text: msg.buttonExpired },
      { callback_query_id: 'inline-press', text: msg.buttonExpired },
    ]);
    expect(bot.fake.sends()).toEqual([]);
  });

  it('answers a redelivered callback query again without acting twice', async () => {
    const bot = await telegramTestBot();
    await bot.post(groupText('/join 赵小云', NEWCOMER));
    await bot.post(fixture('callback-query'));
    await bot.settle();
    bot.fake.clear();
    await bot.post(fixture('callback-query'));
    await bot.settle();
    expect(bot.fake.callsOf('answerCallbackQuery').map((c) => c.payload)).toEqual([{ callback_query_id: '4382bfdwdsb323b2d9' }]);
    expect(bot.fake.sends()).toEqual([]);
  });

  it('still answers the press when Telegram refuses the answer (query too old), and the webhook stays 200', async () => {
    const bot = await telegramTestBot();
    bot.fake.fail('answerCallbackQuery', { error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' });
    const res = await bot.post(press('list:suggestion:2', TG.zhang, 'old-query'));
    await bot.settle();
    expect(res.status).toBe(200);
    expect(bot.fake.callsOf('answerCallbackQuery')).toHaveLength(1);
  });

  it('edits the earlier message in place, keeping its keyboard', async () => {
    const bot = await telegramTestBot();
    const { enqueueStatement } = await import('../../src/db/repo/outbox.js');
    const to = { platform: 'telegram' as const, chatId: VILLAGE_GROUP, threadId: null };
    const buttons = [[{ label: '签到', value: 'signin:7' }]];
    const now = bot.clock().getTime();
    await bot.store.commit([enqueueStatement(bot.store.db, { to, text: '村民代表会议签到：0 人', buttons }, 'card:7', now)]);
    await bot.dispatcher.drain('telegram');
    await bot.store.commit([enqueueStatement(bot.store.db, { to, text: '村民代表会议签到：1 人\n· 张卫东', buttons, editOf: 'card:7' }, 'card:7:v2', now)]);
    await bot.dispatcher.drain('telegram');
    expect(bot.fake.calls.map((c) => c.method)).toEqual(['sendMessage', 'editMessageText']);
    expect(bot.fake.calls[1]!.payload).toEqual({
      chat_id: VILLAGE_GROUP,
      message_id: 1001,
      text: '村民代表会议签到：1 人\n· 张卫东',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [[{ text: '签到', callback_data: 'signin:7' }]] },
    });
    expect(bot.store.sqlite.prepare("select state, sent_message_id from outbox where key = 'card:7:v2'").get()).toEqual({ state: 'sent', sent_message_id: '1001' });
  });
});
