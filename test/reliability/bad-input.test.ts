import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { VERIFICATION_TOKEN } from '../lark/support.js';
import { reliabilityBot, type ReliabilityBot } from './support/bot.js';
import { malformedLark, malformedTelegram, type BadRequest } from './support/malformed.js';

const SHAPE = { cadres: 20, villages: 4 };
const PER_WEBHOOK = 5_200;
const ROUNDS = 8;

let fake: FakeOpenApi;
let bot: ReliabilityBot;
beforeAll(async () => {
  fake = await startFakeOpenApi();
  bot = await reliabilityBot({ shape: SHAPE, lark: fake, env: { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN } });
});
afterAll(async () => {
  await bot.store.close();
  await fake.close();
});

/** Rows of every table a webhook could write to. */
function tableCounts(): Record<string, number> {
  const tables = (bot.store.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, bot.count(`"${t}"`)]));
}

/**
 * Full collections, so heap figures compare live data rather than garbage not yet collected.
 * Objects backed by native memory (node:crypto's hashes) are released by a callback that runs
 * after the collection that found them dead, so a second collection follows a turn later.
 */
async function collect(): Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  return process.memoryUsage().heapUsed;
}

describe('bad input', () => {
  it(`${(2 * PER_WEBHOOK).toLocaleString('en')} malformed requests to both webhooks: no 5xx, nothing recorded, memory steady`, async () => {
    const before = tableCounts();
    const kinds = new Map<string, Map<number, number>>();
    const serverErrors: { kind: string; status: number; body: string }[] = [];
    const heap: number[] = [];
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Generated a round at a time and dropped after, so the heap holds the bot's data, not the bodies.
      let batch: BadRequest[] = [
        ...malformedTelegram(PER_WEBHOOK / ROUNDS, SHAPE, 100 + round),
        ...malformedLark(PER_WEBHOOK / ROUNDS, bot.clock().getTime(), 200 + round),
      ];
      // Interleaved, a few at a time, as deliveries from both platforms would arrive.
      batch.sort((a, b) => a.kind.length - b.kind.length || (a.webhook < b.webhook ? -1 : 1));
      for (let i = 0; i < batch.length; i += 8) {
        await Promise.all(
          batch.slice(i, i + 8).map(async (req) => {
            const res = await bot.app.request(req.webhook, { method: 'POST', headers: req.headers, body: req.body });
            const key = `${req.webhook} ${req.kind}`;
            const counts = kinds.get(key) ?? new Map<number, number>();
            counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
            kinds.set(key, counts);
            const text = await res.text();
            if (res.status >= 500) serverErrors.push({ kind: key, status: res.status, body: text.slice(0, 200) });
          }),
        );
      }
      sent += batch.length;
      batch = [];
      await bot.settle();
      heap.push(await collect());
    }

    expect(serverErrors.slice(0, 5)).toEqual([]);
    expect(serverErrors).toHaveLength(0);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Every category was exercised on both webhooks.
    for (const kind of ['broken JSON', 'wrong type', 'missing field', 'huge string', 'deep nesting', 'invalid UTF-8', 'oversize body']) {
      expect(kinds.has(`/webhook/telegram ${kind}`), kind).toBe(true);
      expect(kinds.has(`/webhook/lark ${kind}`), kind).toBe(true);
    }
    expect(kinds.has('/webhook/telegram unknown update kind')).toBe(true);
    expect(kinds.has('/webhook/lark unknown event type')).toBe(true);
    expect([...kinds.get('/webhook/telegram oversize body')!.keys()]).toEqual([413]);
    expect([...kinds.get('/webhook/lark oversize body')!.keys()]).toEqual([413]);

    expect(tableCounts()).toEqual(before);
    expect([before.records, before.processed_events, before.outbox]).toEqual([0, 0, 0]);
    expect(fake.sends()).toEqual([]);
    expect(bot.telegramApi.sends()).toEqual([]);
    // After the first round has warmed everything up, live memory does not grow with traffic.
    expect(heap[ROUNDS - 1]! - heap[1]!, `heap after each round (MB): ${heap.map((h) => (h / 1048576).toFixed(1)).join(' ')}`).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);
});
