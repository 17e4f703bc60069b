import { describe, expect, it } from 'vitest';
import { createFairness } from '../../src/bot/engine/fairness.js';
import { createRateLimiter } from '../../src/bot/engine/outbox/pacing.js';
import { TELEGRAM_PACING } from '../../src/bot/platforms/telegram/pacing.js';
import type { InboundEvent } from '../../src/domain/types.js';
import { reliabilityBot, type ReliabilityBot } from './support/bot.js';
import { suggestionText, telegramHeaders } from './support/payloads.js';
import { loadCadre } from './support/roster.js';

const SHAPE = { cadres: 40, villages: 1 };
let updateId = 950_000_000;

/** A command from the n-th load cadre in 温泉村's group. */
function command(cadre: number, text: string) {
  const c = loadCadre(cadre, SHAPE);
  const id = ++updateId;
  const name = text.split(' ')[0]!;
  return {
    update_id: id,
    message: {
      message_id: id - 949_000_000,
      from: { id: c.telegramId, is_bot: false, first_name: c.name },
      chat: { id: c.village.telegramGroup, title: `${c.village.name}规划编制组`, type: 'supergroup' },
      date: 1796090400,
      text,
      entities: [{ offset: 0, length: name.length, type: 'bot_command' }],
    },
  };
}

async function post(bot: ReliabilityBot, update: unknown) {
  const res = await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(update) });
  expect(res.status).toBe(200);
}

const textsTo = (bot: ReliabilityBot, cadre: number) => {
  const c = loadCadre(cadre, SHAPE);
  return bot.telegramApi
    .sends()
    .filter((s) => (s.payload.reply_parameters as { message_id: number } | undefined) && bot.count('processed_events') > 0)
    .filter((s) => {
      const replied = (s.payload.reply_parameters as { message_id: number }).message_id;
      return flooded.get(replied) === c.telegramId;
    })
    .map((s) => s.payload.text as string);
};
/** message_id → sender id, to tell whose message each reply answers. */
const flooded = new Map<number, number>();
async function send(bot: ReliabilityBot, cadre: number, text: string) {
  const u = command(cadre, text);
  flooded.set(u.message.message_id, loadCadre(cadre, SHAPE).telegramId);
  await post(bot, u);
}

describe('one sender’s flood does not hold a group', () => {
  it('100 identical /help get one reply; others in the group are answered in the first minute of sending', async () => {
    const bot = await reliabilityBot({ shape: SHAPE, senderLimits: true });
    for (let i = 0; i < 100; i++) await send(bot, 0, '/help');
    await send(bot, 1, '/help');
    await send(bot, 2, '/help');
    await bot.settle();
    // One minute of Telegram's group pacing (20 a minute) is enough for everyone.
    await bot.dispatcher.drain();
    expect(textsTo(bot, 0)).toHaveLength(1);
    expect(textsTo(bot, 1)).toHaveLength(1);
    expect(textsTo(bot, 2)).toHaveLength(1);
    expect(bot.count('outbox', "state = 'pending'")).toBe(0);
    await bot.store.close();
  });

  it('over ten answered commands a minute: one 「请稍后再试」, then silence and nothing written, until the minute has passed', async () => {
    const bot = await reliabilityBot({ shape: SHAPE, senderLimits: true });
    for (let i = 0; i < 15; i++) await send(bot, 0, `/suggest ${suggestionText(i)}`);
    await send(bot, 1, `/suggest ${suggestionText(100)}`);
    await bot.settle();
    bot.passPacingTime(60_000);
    await bot.dispatcher.drain();
    const texts = textsTo(bot, 0);
    expect(texts).toHaveLength(11);
    expect(texts.filter((t) => t.startsWith('已记录 建议#'))).toHaveLength(10);
    expect(texts.at(-1)).toBe('您发得太快了，请稍后再试。');
    expect(bot.count('records', `person_id = '${loadCadre(0, SHAPE).personId}'`)).toBe(10);
    expect(textsTo(bot, 1)).toEqual([expect.stringMatching(/^已记录 建议#11/u)]);

    bot.clock.advance(60_000);
    await send(bot, 0, `/suggest ${suggestionText(200)}`);
    await bot.settle();
    bot.passPacingTime(60_000);
    await bot.dispatcher.drain();
    expect(textsTo(bot, 0).at(-1)).toMatch(/^已记录 建议#12/u);
    expect(bot.count('records', `person_id = '${loadCadre(0, SHAPE).personId}'`)).toBe(11);
    await bot.store.close();
  });

  it('keeps no state for senders idle longer than the window', () => {
    const fairness = createFairness({ max: 10, windowMs: 60_000, coalesceMs: 60_000 });
    const event = (i: number): InboundEvent => ({
      platform: 'telegram',
      eventId: `e${i}`,
      chat: { platform: 'telegram', chatId: `-${i}`, threadId: null, type: 'group' },
      sender: { userId: `u${i}`, displayName: `u${i}` },
      at: new Date(0),
      payload: { type: 'message', text: '/help' },
    });
    for (let i = 0; i < 499; i++) fairness.decide(event(i), 0, { messages: 1, writes: false });
    expect(fairness.size()).toBe(998);
    // The 500th decision, a minute on, sweeps everyone idle since.
    fairness.decide(event(1000), 60_000, { messages: 1, writes: false });
    expect(fairness.size()).toBe(2);
  });
});

describe('the outbox rate limiter', () => {
  it('drops the logs of chats not sent to for a minute', async () => {
    let t = 0;
    const limiter = createRateLimiter({ now: () => t, sleep: async (ms) => void (t += ms) });
    for (let i = 0; i < 999; i++) expect(await limiter.acquire('telegram', `-${i}`, TELEGRAM_PACING, Number.POSITIVE_INFINITY)).toBe(true);
    // A chat key and a group key per chat, and the platform's.
    expect(limiter.size()).toBe(999 * 2 + 1);
    t += 61_000;
    await limiter.acquire('telegram', '-5000', TELEGRAM_PACING, Number.POSITIVE_INFINITY);
    expect(limiter.size()).toBe(3);
  });
});
