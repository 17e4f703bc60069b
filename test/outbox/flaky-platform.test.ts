import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/bot/engine/outbox/dispatcher.js';
import { createRateLimiter, type Pacing } from '../../src/bot/engine/outbox/pacing.js';
import { LARK_PACING } from '../../src/bot/platforms/lark/pacing.js';
import { TELEGRAM_PACING } from '../../src/bot/platforms/telegram/pacing.js';
import { silentLogger, type Envelope, type PlatformSender } from '../../src/bot/engine/ports.js';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { outbox } from '../../src/db/schema/index.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';
import { PlatformError } from '../../src/domain/errors.js';
import { fixedClock } from '../support/bot.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Telegram stand-in that refuses 30% of sends with 429 (retry after 3 s) or 500. */
function flakyTelegram(random: () => number, pacing?: Pacing) {
  const delivered: { key: string; chatId: string; at: number }[] = [];
  let failures = 0;
  const sender: PlatformSender = {
    platform: 'telegram',
    ...(pacing ? { pacing } : {}),
    async send(envelope: Envelope) {
      const at = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      const roll = random();
      if (roll < 0.15) {
        failures++;
        throw new PlatformError('telegram', 'Too Many Requests: retry after 3', { status: 429, retryAfterMs: 3_000 });
      }
      if (roll < 0.3) {
        failures++;
        throw new PlatformError('telegram', 'Internal Server Error', { status: 500 });
      }
      delivered.push({ key: envelope.key, chatId: envelope.to.chatId, at });
      return { messageId: String(delivered.length) };
    },
  };
  return { sender, delivered, failures: () => failures };
}

const CHATS = ['-1001', '-1002', '-1003', '42', '43', '-1004'];

async function fill(store: SqliteStore, perChat: number, now: number): Promise<string[]> {
  const keys: string[] = [];
  const statements = [];
  // Interleaved across chats, as real traffic is.
  for (let i = 0; i < perChat; i++) {
    for (const chatId of CHATS) {
      const key = `m:${chatId}:${i}`;
      keys.push(key);
      statements.push(enqueueStatement(store.db, { to: { platform: 'telegram', chatId, threadId: null }, text: `第 ${i} 条` }, key, now));
    }
  }
  await store.commit(statements);
  return keys;
}

function byChat(delivered: { key: string; chatId: string }[]) {
  const out = new Map<string, string[]>();
  for (const d of delivered) out.set(d.chatId, [...(out.get(d.chatId) ?? []), d.key]);
  return out;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('outbox against a platform that fails 30% of sends', () => {
  it('delivers every message exactly once, in order per chat', async () => {
    const store = openSqliteStore(':memory:');
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const keys = await fill(store, 25, clock().getTime());
    const platform = flakyTelegram(seeded(7));
    const dispatcher = createDispatcher({ store, senders: { telegram: platform.sender }, clock, logger: silentLogger, random: seeded(11) });
    for (let round = 0; round < 300; round++) {
      await dispatcher.drain();
      const left = await store.db.select().from(outbox);
      if (left.every((r) => r.state === 'sent' || r.state === 'dead')) break;
      clock.advance(30_000);
    }
    const rows = await store.db.select().from(outbox);
    expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
    expect(platform.failures()).toBeGreaterThan(30);
    expect(platform.delivered.map((d) => d.key).sort()).toEqual([...keys].sort());
    for (const [chatId, list] of byChat(platform.delivered)) {
      expect(list).toEqual(keys.filter((k) => k.startsWith(`m:${chatId}:`)));
    }
  });

  it('keeps order and sends once when two processes drain the same database at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-outbox-'));
    dirs.push(dir);
    const path = join(dir, 'bot.db');
    const a = openSqliteStore(path);
    const b = openSqliteStore(path);
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const keys = await fill(a, 15, clock().getTime());
    const platform = flakyTelegram(seeded(3));
    const make = (store: SqliteStore, seed: number) =>
      createDispatcher({ store, senders: { telegram: platform.sender }, clock, logger: silentLogger, random: seeded(seed) });
    const one = make(a, 1);
    const two = make(b, 2);
    for (let round = 0; round < 300; round++) {
      await Promise.all([one.drain(), two.drain()]);
      const left = await a.db.select().from(outbox);
      if (left.every((r) => r.state === 'sent' || r.state === 'dead')) break;
      clock.advance(30_000);
    }
    expect((await a.db.select().from(outbox)).filter((r) => r.state !== 'sent')).toEqual([]);
    expect(platform.delivered.length).toBe(keys.length);
    expect(new Set(platform.delivered.map((d) => d.key)).size).toBe(keys.length);
    for (const [chatId, list] of byChat(platform.delivered)) {
      expect(list).toEqual(keys.filter((k) => k.startsWith(`m:${chatId}:`)));
    }
    await a.close();
    await b.close();
  });

  it('spaces sends by the limits the sender declares', async () => {
    const store = openSqliteStore(':memory:');
    const clock = fixedClock('2026-12-01T02:00:00Z');
    await fill(store, 4, clock().getTime());
    // Telegram's shape at a fiftieth of the time: 1 per 20 ms per chat, 4 per 100 ms overall.
    const fast: Pacing = {
      limits: [
        { scope: 'chat', max: 1, perMs: 20 },
        { scope: 'platform', max: 4, perMs: 100 },
      ],
    };
    const platform = flakyTelegram(() => 0.9, fast);
    const dispatcher = createDispatcher({ store, senders: { telegram: platform.sender }, clock, logger: silentLogger, random: () => 0.5 });
    const result = await dispatcher.drain();
    expect(result).toEqual({ sent: 24, retried: 0, dead: 0 });
    // Unpaced, 24 sends take a few milliseconds. Paced: 4 per 100 ms overall means at least 500 ms
    // from first to last, and each chat's four sends span at least 60 ms. (Exact windows are the
    // rate limiter's own test below; here timers jitter under load, so spans are checked.)
    const times = platform.delivered.map((d) => d.at);
    const slack = 20;
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(500 - slack);
    for (const chatId of CHATS) {
      const own = platform.delivered.filter((d) => d.chatId === chatId).map((d) => d.at);
      expect(own).toHaveLength(4);
      expect(own[3]! - own[0]!).toBeGreaterThanOrEqual(60 - slack);
    }
  });
});

describe('rate limiter', () => {
  it('holds Telegram to 1 a second per chat, 20 a minute per group and 30 a second overall', async () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now, sleep: async (ms) => void (now += ms) });
    const group: number[] = [];
    for (let i = 0; i < 22; i++) {
      await limiter.acquire('telegram', '-100', TELEGRAM_PACING, Number.POSITIVE_INFINITY);
      group.push(now);
    }
    // One a second for twenty, then the minute window holds the 21st until 60 s after the first.
    expect(group.slice(0, 3)).toEqual([0, 1000, 2000]);
    expect(group[19]).toBe(19_000);
    expect(group[20]).toBe(60_000);
    expect(group[21]).toBe(61_000);

    now = 0;
    const many = createRateLimiter({ now: () => now, sleep: async (ms) => void (now += ms) });
    const granted: number[] = [];
    for (let i = 0; i < 31; i++) {
      await many.acquire('telegram', String(i + 1), TELEGRAM_PACING, Number.POSITIVE_INFINITY);
      granted.push(now);
    }
    expect(granted.filter((t) => t === 0)).toHaveLength(30);
    expect(granted[30]).toBe(1000);
    // A long wait is refused rather than holding the drain up.
    expect(await many.acquire('telegram', '1', TELEGRAM_PACING, 10)).toBe(true);
    expect(await many.acquire('telegram', '1', TELEGRAM_PACING, 10)).toBe(false);
  });

  it('holds Feishu to 4 a second per group, 5 per user, and 50 a second and 1,000 a minute per app', async () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now, sleep: async (ms) => void (now += ms) });
    const inGroup: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limiter.acquire('lark', 'oc_group', LARK_PACING, Number.POSITIVE_INFINITY);
      inGroup.push(now);
    }
    expect(inGroup).toEqual([0, 0, 0, 0, 1000]);
    const toUser: number[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.acquire('lark', 'ou_user', LARK_PACING, Number.POSITIVE_INFINITY);
      toUser.push(now);
    }
    expect(toUser).toEqual([1000, 1000, 1000, 1000, 1000, 2000]);

    now = 0;
    const app = createRateLimiter({ now: () => now, sleep: async (ms) => void (now += ms) });
    const granted: number[] = [];
    for (let i = 0; i < 1_001; i++) {
      await app.acquire('lark', `oc_${i}`, LARK_PACING, Number.POSITIVE_INFINITY);
      granted.push(now);
    }
    // 50 in each second: the 51st waits a second; the 1,001st waits for the minute to turn.
    expect(granted.filter((t) => t === 0)).toHaveLength(50);
    expect(granted[50]).toBe(1000);
    expect(granted[999]).toBe(19_000);
    expect(granted[1000]).toBe(60_000);
  });
});
