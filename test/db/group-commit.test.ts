import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markProcessedStatement } from '../../src/db/repo/events.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';
import { suggestUpdate, telegramHeaders } from '../reliability/support/payloads.js';
import { reliabilityBot } from '../reliability/support/bot.js';

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store on a file plus a second connection that sees only what is committed. */
function storeWithObserver() {
  const dir = mkdtempSync(join(tmpdir(), 'guixiang-group-'));
  dirs.push(dir);
  const store = openSqliteStore(join(dir, 'g.db'));
  stores.push(store);
  const observer = new Database(join(dir, 'g.db'), { readonly: true });
  const committed = () => {
    const rows = observer.prepare("select event_id as e from processed_events where platform = 'test' order by event_id").all() as { e: string }[];
    return rows.map((r) => r.e);
  };
  return { store, committed, close: () => observer.close() };
}

const mark = (store: SqliteStore, id: string) => store.commit([markProcessedStatement(store.db, 'test', id, 1)]);

describe('group commit (better-sqlite3)', () => {
  it('makes the commits of a group durable together, when the group ends', async () => {
    const { store, committed, close } = storeWithObserver();
    await store.group!(async () => {
      await mark(store, 'a');
      await mark(store, 'b');
      expect(committed()).toEqual([]);
    });
    expect(committed()).toEqual(['a', 'b']);
    close();
  });

  it('a failing commit inside a group undoes only itself', async () => {
    const { store, committed, close } = storeWithObserver();
    await store.group!(async () => {
      await mark(store, 'a');
      await expect(store.commit([markProcessedStatement(store.db, 'test', 'b', 1), markProcessedStatement(store.db, 'test', 'a', 1)])).rejects.toThrow(/UNIQUE/u);
      await mark(store, 'c');
    });
    expect(committed()).toEqual(['a', 'c']);
    close();
  });

  it('work that waits for real I/O does not hold the write lock: what is decided so far is committed at once', async () => {
    const { store, committed, close } = storeWithObserver();
    let seenDuringWait: string[] = [];
    await store.group!(async () => {
      await mark(store, 'a');
      await new Promise((r) => setTimeout(r, 5));
      seenDuringWait = committed();
      await mark(store, 'b');
    });
    expect(seenDuringWait).toEqual(['a']);
    expect(committed()).toEqual(['a', 'b']);
    expect(store.sqlite.inTransaction).toBe(false);
    close();
  });

  it('a group that throws leaves nothing behind', async () => {
    const { store, committed, close } = storeWithObserver();
    await expect(
      store.group!(async () => {
        await mark(store, 'a');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(committed()).toEqual([]);
    expect(store.sqlite.inTransaction).toBe(false);
    close();
  });
});

describe('webhooks arriving together', () => {
  const shape = { cadres: 40, villages: 5 };

  /** The bot with its group commits watched: how many events each one committed. */
  async function watchedBot() {
    const bot = await reliabilityBot({ shape });
    const sizes: number[] = [];
    const group = bot.store.group!.bind(bot.store);
    bot.store.group = async (work) => {
      const before = bot.count('processed_events', "platform = 'telegram'");
      const result = await group(work);
      sizes.push(bot.count('processed_events', "platform = 'telegram'") - before);
      return result;
    };
    const send = (n: number) =>
      bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(suggestUpdate(n, shape)) });
    const seqs = () => (bot.store.sqlite.prepare("select seq from records where kind = 'suggestion' order by seq").all() as { seq: number }[]).map((r) => r.seq);
    return { bot, sizes, send, seqs };
  }

  it('are decided one after another in one group commit, each answered 200 only once written', async () => {
    const { bot, sizes: groups, send, seqs } = await watchedBot();
    // 30 distinct updates plus a second delivery of ten of them, all at once.
    const answers = await Promise.all([...Array.from({ length: 30 }, (_, n) => send(n)), ...Array.from({ length: 10 }, (_, n) => send(n))]);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    await bot.settle();
    expect(bot.count('records', "kind = 'suggestion'")).toBe(30);
    expect(bot.count('processed_events', "platform = 'telegram'")).toBe(30);
    expect(bot.count('outbox', "platform = 'telegram'")).toBe(30);
    // Numbers are dense and distinct although decided in groups.
    expect(seqs()).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.length).toBeLessThan(30);
  });

  it('a group stops taking events once it has been deciding for 4 ms: those are committed and answered, the rest form the next group', async () => {
    const { bot, sizes, send, seqs } = await watchedBot();
    // Each decision seems to take 5 ms: a group holds one event, and every event still gets its answer.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 5));
    const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => send(n)));
    clock.mockRestore();
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(sizes.every((n) => n <= 1)).toBe(true);
    expect(sizes.filter((n) => n === 1)).toHaveLength(12);
    await bot.settle();
    expect(seqs()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
