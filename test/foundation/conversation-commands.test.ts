import { describe, expect, it } from 'vitest';
import { conversations, records } from '../../src/db/schema/index.js';
import { DEMO, say, testBot } from '../support/bot.js';
import { fixture, groupText, telegramTestBot } from '../telegram/support/telegram-bot.js';

/**
 * A command the bot does not know, sent while it waits for a record's text, was once saved as
 * that text (「已记录 建议#1」 for 「/helpp」). Every command is the person turning away from the
 * question, known or not; a command for another bot is not for us at all.
 */
describe('commands that are not the answer to an open question', () => {
  it('a mistyped command gets the unknown-command reply, ends the exchange like any command, and records nothing', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '/suggest')).texts).toEqual(['请发送建议内容（发送「取消」退出）']);
    expect((await say(bot, DEMO.zhang, '/helpp')).texts).toEqual(['没有 /helpp 这个命令。您是不是想用 /help（帮助）？发送「帮助」查看全部命令。']);
    expect(await bot.store.db.select().from(conversations)).toEqual([]);
    // The exchange is over: later chatter in the group is not taken as the suggestion.
    expect((await say(bot, DEMO.zhang, '村口道路需要硬化')).replies).toEqual([]);
    expect(await bot.store.db.select().from(records)).toEqual([]);
  });

  it.each([
    ['/sugest 道路', '没有 /sugest 这个命令。您是不是想用 /suggest（建议）？发送「帮助」查看全部命令。'],
    ['/foo bar', '没有 /foo 这个命令。发送「帮助」查看您能用的命令。'],
  ])('「%s」 in an open question gets the same reply as outside one', async (typed, expected) => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, typed)).texts).toEqual([expected]);
    await say(bot, DEMO.zhang, '建议');
    expect((await say(bot, DEMO.zhang, typed)).texts).toEqual([expected]);
    expect(await bot.store.db.select().from(conversations)).toEqual([]);
    expect(await bot.store.db.select().from(records)).toEqual([]);
  });

  it('a command for another bot in the group is ignored and the question stays open', async () => {
    const bot = await telegramTestBot();
    await bot.post(groupText('/suggest'));
    await bot.settle();
    expect(bot.fake.sends().map((c) => c.payload.text)).toEqual(['请发送建议内容（发送「取消」退出）']);

    const other = await bot.post(fixture('command-other-bot', (u: { update_id: number }) => void (u.update_id = 730019001)));
    await bot.settle();
    expect(other.status).toBe(200);
    expect(bot.fake.sends()).toHaveLength(1);
    expect(bot.store.sqlite.prepare('select kind, text from records').all()).toEqual([]);
    expect(bot.store.sqlite.prepare('select user_id, kind from conversations').all()).toEqual([{ user_id: '1001', kind: 'record' }]);

    await bot.post(groupText('村口需要一盏路灯'));
    await bot.settle();
    expect(bot.store.sqlite.prepare('select kind, text, person_id from records').all()).toEqual([
      { kind: 'suggestion', text: '村口需要一盏路灯', person_id: 'demo-cadre-zhang' },
    ]);
  });
});
