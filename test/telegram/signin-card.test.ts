import { describe, expect, it } from 'vitest';
import { groupText, press, TG, telegramTestBot } from './support/telegram-bot.js';

describe('the meeting sign-in card in a Telegram group', () => {
  it('is updated in place with who has signed in', async () => {
    const bot = await telegramTestBot();
    await bot.post(groupText('/meeting 2026-12-01 10:30 乡情恳谈会', TG.leader));
    await bot.settle();
    // 10:16 Beijing time: the window (from 10:15) is open, so the tick posts the card.
    bot.clock.set('2026-12-01T02:16:00Z');
    await bot.tick(bot.clock());
    const card = bot.fake.sends().find((c) => String(c.payload.text).includes('开始签到'));
    expect(card?.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '签到', callback_data: 'signin:1' }]] });

    bot.fake.calls.length = 0;
    expect((await bot.post(press('signin:1', TG.zhang))).status).toBe(200);
    await bot.settle();
    expect(bot.fake.callsOf('answerCallbackQuery').map((c) => c.payload.text)).toEqual(['已签到']);
    const edits = bot.fake.callsOf('editMessageText');
    expect(edits).toHaveLength(1);
    expect(String(edits[0]!.payload.text)).toMatch(/已签到 1 人$/u);
    expect(edits[0]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '签到', callback_data: 'signin:1' }]] });
    expect(bot.fake.callsOf('sendMessage')).toEqual([]);

    // A double tap records once and leaves the card as it is.
    bot.fake.calls.length = 0;
    await bot.post(press('signin:1', TG.zhang));
    await bot.settle();
    expect(bot.fake.callsOf('editMessageText')).toEqual([]);
  });
});
