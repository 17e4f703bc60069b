import { describe, expect, it } from 'vitest';
import { reliabilityBot } from './support/bot.js';
import { suggestUpdate, telegramHeaders } from './support/payloads.js';

const UPDATES = 1_000;
const COPIES = 3;
const SHAPE = { cadres: 200, villages: 40 };

describe('duplicate storm', () => {
  it(`${UPDATES} distinct Telegram updates, each delivered ${COPIES} times at once → ${UPDATES} records and ${UPDATES} replies`, async () => {
    const bot = await reliabilityBot({ shape: SHAPE });
    const updates = Array.from({ length: UPDATES }, (_, n) => suggestUpdate(n, SHAPE));
    // Every copy is in flight before any answer comes back, the way Telegram retries a slow webhook.
    const deliveries = updates.flatMap((u) => Array.from({ length: COPIES }, () => JSON.stringify(u)));
    const statuses = await Promise.all(
      deliveries.map(async (body) => (await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body })).status),
    );
    await bot.settle();
    // Telegram allows 20 messages a minute in a group; a village's later replies wait their turn.
    for (let minute = 0; minute < 5 && bot.count('outbox', "state = 'pending'") > 0; minute++) {
      bot.passPacingTime(60_000);
      await bot.dispatcher.drain();
    }

    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(bot.count('records')).toBe(UPDATES);
    expect(bot.count('records', "kind = 'suggestion'")).toBe(UPDATES);
    expect(bot.count('processed_events', "platform = 'telegram'")).toBe(UPDATES);
    expect(bot.count('outbox', "platform = 'telegram'")).toBe(UPDATES);
    expect(bot.count('outbox', "platform = 'telegram' and state = 'sent'")).toBe(UPDATES);
    // 温泉村's council chat (on the local console) hears of each of its village's suggestions once.
    expect(bot.count('outbox', "platform = 'local'")).toBe(UPDATES / SHAPE.villages);

    const sends = bot.telegramApi.sends();
    expect(sends).toHaveLength(UPDATES);
    // Each reply quotes the message it answers: every update answered exactly once.
    const answered = sends.map((s) => (s.payload.reply_parameters as { message_id: number }).message_id).sort((a, b) => a - b);
    expect(answered).toEqual(updates.map((u) => u.message.message_id));
    // Numbers are handed out once each, with no gaps left by refused copies.
    const seqs = (bot.store.sqlite.prepare("select seq from records where kind = 'suggestion' order by seq").all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: UPDATES }, (_, i) => i + 1));
    await bot.store.close();
  }, 60_000);
});
