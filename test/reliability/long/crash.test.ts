import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/db/sqlite.js';
import { BOT_INFO, fakeBotApi } from '../../telegram/support/fake-bot-api.js';
import { SECRET, TOKEN } from '../../telegram/support/telegram-bot.js';
import { suggestUpdate, telegramHeaders } from '../support/payloads.js';
import { seedLoadRoster } from '../support/roster.js';
import { startServer, type RunningProcess } from '../support/server.js';

// Replies spread over many groups, so after the restart Telegram's per-group pace does not stretch the test.
const SHAPE = { cadres: 300, villages: 150 };
const UPDATES = 800;
const KILL_AFTER_ACKS = 300;
const CONCURRENCY = 12;
/**
 * The servers' clock: a Sunday at 03:00 in Beijing (quiet hours, no digest or inspection due).
 * At the wall clock, a working day's five-ones nudges would be queued by the start-up tick and
 * keep the outbox's pending count above zero whatever the replies did.
 */
const CLOCK = new Date('2026-11-28T19:00:00Z');

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The fake Bot API on 127.0.0.1 behind a switch: while down it answers 502 and delivers nothing. */
async function botApiWithSwitch() {
  const fake = fakeBotApi();
  let down = true;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (down) {
        res.statusCode = 502;
        res.end(JSON.stringify({ ok: false, error_code: 502, description: 'Bad Gateway' }));
        return;
      }
      const method = (req.url ?? '').split('?')[0]!.split('/').pop() ?? '';
      const body = Buffer.concat(chunks).toString('utf8');
      res.end(JSON.stringify(fake.answer(method, body ? (JSON.parse(body) as Record<string, unknown>) : {})));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { fake, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, up: () => void (down = false) };
}

async function deliver(base: string, n: number): Promise<number | 'no answer'> {
  try {
    const res = await fetch(`${base}/webhook/telegram`, { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(suggestUpdate(n, SHAPE)), signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'no answer';
  }
}

async function pendingReplies(base: string): Promise<number> {
  const health = (await (await fetch(`${base}/healthz`)).json()) as { outbox: { pending: number; dead: number } };
  return health.outbox.pending;
}

describe('crash', () => {
  it('SIGKILL under a load of /suggest: every acknowledged update is kept, and every queued reply goes out exactly once after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'guixiang.db');
    const store = openSqliteStore(path);
    await seedLoadRoster(store, SHAPE);
    await store.close();
    const api = await botApiWithSwitch();
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO), TELEGRAM_API_ROOT: api.url, DATABASE_PATH: path, DASHBOARD_SECRET: 'crash-test-dashboard-secret' };
    const started = (p: RunningProcess) => {
      cleanups.push(() => p.stop('SIGKILL'));
      return p;
    };

    // The platform stays away until the restart, so no reply can be out before the kill: each
    // one sent afterwards is the first, and "exactly once" is a fact rather than a likelihood.
    const startedAt = Date.now();
    const first = started(await startServer(env, { clock: CLOCK }));
    const acked = new Set<number>();
    const unanswered = new Set<number>();
    let next = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < UPDATES && !killed) {
          const n = next++;
          const status = await deliver(first.base, n);
          if (status === 200) acked.add(n);
          else unanswered.add(n);
          if (acked.size >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            await first.stop('SIGKILL');
          }
        }
      }),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect([...unanswered].every((n) => !acked.has(n))).toBe(true);

    api.up();
    // The restarted server's clock goes on from where the first one's was, as a real clock would.
    const second = started(await startServer(env, { clock: new Date(CLOCK.getTime() + Date.now() - startedAt) }));
    // A reply claimed at the moment of the kill is released when its 60 s lease runs out.
    const deadline = Date.now() + 150_000;
    while ((await pendingReplies(second.base)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await pendingReplies(second.base)).toBe(0);

    const db = new Database(path, { readonly: true });
    cleanups.push(() => void db.close());
    const kept = new Set((db.prepare("select event_id from processed_events where platform = 'telegram'").all() as { event_id: string }[]).map((r) => Number(r.event_id) - suggestUpdate(0, SHAPE).update_id));
    const recorded = db.prepare("select count(*) as n from records where kind = 'suggestion' and platform = 'telegram'").get() as { n: number };
    // Every update answered 200 is in the database; at most the few in flight at the kill are there unanswered.
    expect([...acked].filter((n) => !kept.has(n))).toEqual([]);
    expect(recorded.n).toBe(kept.size);
    expect(kept.size - acked.size).toBeLessThanOrEqual(CONCURRENCY);

    const replies = new Map<number, number>();
    for (const s of api.fake.sends()) {
      const id = (s.payload.reply_parameters as { message_id: number }).message_id - 100_000;
      replies.set(id, (replies.get(id) ?? 0) + 1);
    }
    expect([...replies.keys()].sort((a, b) => a - b)).toEqual([...kept].sort((a, b) => a - b));
    expect([...replies.values()].filter((c) => c !== 1)).toEqual([]);
    const dead = db.prepare("select count(*) as n from outbox where state = 'dead'").get() as { n: number };
    expect(dead.n).toBe(0);

    // Telegram redelivers what it got no 200 for (and a slow answer's copy): each is kept once.
    const again = await Promise.all(Array.from({ length: UPDATES }, (_, n) => deliver(second.base, n)));
    expect(again.filter((s) => s !== 200)).toEqual([]);
    const all = db.prepare("select count(*) as n from records where kind = 'suggestion' and platform = 'telegram'").get() as { n: number };
    expect(all.n).toBe(UPDATES);
    const until = Date.now() + 60_000;
    while ((await pendingReplies(second.base)) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
    const perUpdate = new Map<number, number>();
    for (const s of api.fake.sends()) {
      const id = (s.payload.reply_parameters as { message_id: number }).message_id - 100_000;
      perUpdate.set(id, (perUpdate.get(id) ?? 0) + 1);
    }
    expect(perUpdate.size).toBe(UPDATES);
    expect([...perUpdate.values()].filter((c) => c !== 1)).toEqual([]);
    console.log(`crash: ${acked.size} acknowledged before SIGKILL, ${kept.size} kept, ${unanswered.size} unanswered; ${api.fake.sends().length} replies after restart and redelivery, none twice`);
  }, 300_000);
});
