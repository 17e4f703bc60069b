import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.js';
import type { Db, Statement, Store } from './store.js';

/**
 * drizzle/ at the project root, found by walking up from this module: it runs from src/db/ under
 * tsx and from the bundle in dist/ under `npm start`.
 */
function findMigrations(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`drizzle/ (the migrations) not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const MIGRATIONS_DIR = findMigrations();

export interface SqliteStore extends Store {
  readonly sqlite: Database.Database;
}

/**
 * Opens (creating if needed) the SQLite file, switches it to WAL so readers never wait for the
 * writer, and applies the drizzle-kit migrations. `:memory:` gives a private database for tests.
 */
export function openSqliteStore(path: string): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // 4 MB of pages per connection rather than better-sqlite3's 16 MB: a webhook touches a few
  // dozen pages, /stats for a county at province scale is as fast (p95 28–34 ms either way, the
  // operating system caches the file), and the server's memory stays lower by the difference.
  sqlite.pragma('cache_size = -4000');
  // Another process (a cron `npm run tick`, a second server) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const runAll = sqlite.transaction((statements: readonly Statement[]) => {
    for (const s of statements) (s as unknown as { run(): unknown }).run();
  });
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  return {
    sqlite,
    db: db as unknown as Db,
    driver: 'better-sqlite3',
    async commit(statements) {
      if (statements.length === 0) return;
      // IMMEDIATE takes the write lock up front, so two processes never interleave a write.
      runAll.immediate(statements);
    },
    async group(work) {
      // Nested (a group already open, or a transaction of a tool): the outer one decides.
      if (sqlite.inTransaction) return work();
      begin.run();
      let open = true;
      const end = (statement: Database.Statement) => {
        if (open && sqlite.inTransaction) statement.run();
        open = false;
      };
      // Deciding events takes only microtasks. Work that waits for real I/O (a workbook, a retry's
      // pause) must not hold the write lock meanwhile: the next turn of the event loop commits what
      // is decided so far, and later commits of the work are transactions of their own.
      const early = setImmediate(() => end(commit));
      try {
        const result = await work();
        end(commit);
        return result;
      } catch (err) {
        end(rollback);
        throw err;
      } finally {
        clearImmediate(early);
      }
    },
    async close() {
      sqlite.close();
    },
  };
}

/**
 * A read-only connection to a database another connection keeps (a worker thread reading while
 * the server writes): WAL lets it read a consistent snapshot without waiting for the writer.
 * Migrations are the writer's business; nothing is created or changed here.
 */
export function openSqliteReader(path: string, options: { cacheKiB?: number } = {}): { sqlite: Database.Database; db: Db } {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  if (options.cacheKiB) sqlite.pragma(`cache_size = -${options.cacheKiB}`);
  reusePreparedStatements(sqlite);
  return { sqlite, db: drizzle(sqlite, { schema }) as unknown as Db };
}

/** Distinct SQL texts kept compiled; `in (…)` lists of varying length make new texts, so it is bounded. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle asks better-sqlite3 to prepare every query anew, and compiling the same few dozen
 * statements for each webhook took a tenth of its time. Statements are kept by their SQL text
 * (least recently used dropped first) and handed out in default mode: drizzle switches a
 * statement to raw mode for some reads, and the switch would otherwise outlive that call.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) cache.delete(source);
    else {
      stmt = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
    return stmt;
  }) as typeof sqlite.prepare;
}

/** How many cadre roles the roster holds (one index range). */
export function cadreCount(sqlite: Database.Database): number {
  return sqlite.prepare("select count(*) from roles where role = 'cadre'").pluck().get() as number;
}
