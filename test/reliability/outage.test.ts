import { describe, expect, it } from 'vitest';
import { reliabilityBot, type ReliabilityBot } from './support/bot.js';
import { suggestUpdate, telegramHeaders } from './support/payloads.js';

const SHAPE = { cadres: 30, villages: 6 };
const OUTAGE_MS = 5 * 60_000;
/** How often the Node server drains the outbox (src/node.ts). */
const DRAIN_EVERY_MS = 2_000;

type Edge = 'up' | 'failing' | 'hanging';

/** The Bot API as seen through a network that may fail or hang; held calls go through on release. */
function platformEdge() {
  let state: Edge = 'up';
  let failed = 0;
  const held: (() => void)[] = [];
  return {
    set(next: Edge) {
      state = next;
      if (next === 'up') for (const release of held.splice(0)) release();
    },
    failed: () => failed,
    held: () => held.length,
    wrap(fake: typeof fetch): typeof fetch {
      return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        if (state === 'failing') {
          failed++;
          return new Response(JSON.stringify({ ok: false, error_code: 500, description: 'Internal Server Error' }), { status: 500, headers: { 'content-type': 'application/json' } });
        }
        if (state === 'hanging') await new Promise<void>((resolve) => held.push(resolve));
        return fake(input, init);
      }) as typeof fetch;
    },
  };
}

async function post(bot: ReliabilityBot, n: number): Promise<number> {
  const res = await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(suggestUpdate(n, SHAPE)) });
  return res.status;
}

/** Simulated time passes in drain-sized steps, with the server's drain at each; new suggestions keep arriving. */
async function live(bot: ReliabilityBot, ms: number, arrivals: number[], startAt: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  for (let t = 0; t < ms; t += DRAIN_EVERY_MS) {
    bot.clock.advance(DRAIN_EVERY_MS);
    bot.passPacingTime(DRAIN_EVERY_MS);
    if (next < arrivals.length && t >= (ms / arrivals.length) * next) statuses.push(await post(bot, startAt + arrivals[next++]!));
    // Not awaited: a drain stuck on a hung platform must not hold up the webhook or the clock.
    void bot.dispatcher.drain();
    await new Promise((r) => setImmediate(r));
  }
  return statuses;
}

function repliesPerUpdate(bot: ReliabilityBot): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of bot.telegramApi.sends()) {
    const id = (s.payload.reply_parameters as { message_id: number }).message_id;
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

describe('platform outage', () => {
  for (const kind of ['failing', 'hanging'] as const) {
    it(`the Bot API ${kind === 'failing' ? 'answers 500' : 'hangs'} for 5 simulated minutes: once back, every reply is delivered, none twice`, async () => {
      const edge = platformEdge();
      const bot = await reliabilityBot({ shape: SHAPE, telegramEdge: (fake) => edge.wrap(fake) });
      const updates = Array.from({ length: 24 }, (_, i) => i);

      edge.set(kind);
      const during = await live(bot, OUTAGE_MS, updates.slice(0, 12), 0);
      expect(during).toEqual(Array(12).fill(200));
      expect(bot.telegramApi.sends()).toEqual([]);
      if (kind === 'failing') expect(edge.failed()).toBeGreaterThan(12);
      else expect(edge.held()).toBeGreaterThan(0);
      // Nothing given up on while the platform was away.
      expect(bot.count('outbox', "state = 'dead'")).toBe(0);

      edge.set('up');
      const after = await live(bot, 10 * 60_000, updates.slice(12), 0);
      expect(after).toEqual(Array(12).fill(200));
      await bot.settle();
      await bot.dispatcher.drain();

      expect(bot.count('records')).toBe(24);
      expect(bot.count('outbox', "platform = 'telegram' and state = 'sent'")).toBe(24);
      expect(bot.count('outbox', "platform = 'telegram' and state != 'sent'")).toBe(0);
      const replies = repliesPerUpdate(bot);
      expect([...replies.keys()].sort((a, b) => a - b)).toEqual(updates.map((n) => suggestUpdate(n, SHAPE).message.message_id));
      expect([...replies.values()].every((count) => count === 1)).toBe(true);
      await bot.store.close();
    }, 60_000);
  }
});
