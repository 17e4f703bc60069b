import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';

describe('the WAL checkpoint in its own thread', () => {
  let dir: string;
  let store: SqliteStore;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies committed pages into the database file while the main connection never checkpoints, and hands back on stop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'guixiang-ckpt-'));
    const path = join(dir, 'bot.db');
    store = openSqliteStore(path);
    const checkpointer = startCheckpointer(store.sqlite, path, { everyMs: 50 });
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(path).size;
    store.sqlite.exec('create table probe (id integer primary key, body text)');
    const insert = store.sqlite.prepare('insert into probe (body) values (?)');
    store.sqlite.transaction(() => {
      for (let i = 0; i < 5_000; i++) insert.run('村'.repeat(100));
    })();
    // The rows are in the WAL; the thread copies them into the database file.
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
    await checkpointer.stop();
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(store.sqlite.prepare('select count(*) as n from probe').get()).toEqual({ n: 5_000 });
  });
});
