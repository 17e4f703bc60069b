import { describe, expect, it } from 'vitest';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { telegramTestBot, VILLAGE_GROUP } from './support/telegram-bot.js';

describe('a long message whose later part fails', () => {
  it('is retried from the part that failed: people see every part once, in order', async () => {
    const bot = await telegramTestBot();
    const text = `${'一'.repeat(4000)}\n${'二'.repeat(4000)}\n${'三'.repeat(100)}`;
    const at = bot.clock().getTime();
    await bot.store.commit([enqueueStatement(bot.store.db, { to: { platform: 'telegram', chatId: VILLAGE_GROUP, threadId: null }, text }, 'long-1', at)]);
    // The second part meets a Bot API 500 once.
    bot.fake.fail('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 1, 1);

    expect(await bot.dispatcher.drain('telegram')).toEqual({ sent: 0, retried: 1, dead: 0 });
    const row = () => bot.store.sqlite.prepare("select state, attempts, parts_sent as partsSent from outbox where key = 'long-1'").get();
    expect(row()).toEqual({ state: 'pending', attempts: 1, partsSent: 1 });

    // After the backoff the row goes again, starting with the part that failed.
    bot.clock.advance(60_000);
    expect(await bot.dispatcher.drain('telegram')).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(row()).toEqual({ state: 'sent', attempts: 0, partsSent: 1 });
    const seen = bot.fake.callsOf('sendMessage').map((c) => String(c.payload.text).slice(0, 1));
    expect(seen).toEqual(['一', '二', '二', '三']);
  });
});
