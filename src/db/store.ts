import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema/index.js';

/** The drizzle database, whichever driver is underneath. Shared code only awaits its queries. */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** A statement built but not yet run, so it can be committed with others in one atomic write. */
export type Statement = BatchItem<'sqlite'>;

export interface Store {
  readonly db: Db;
  /**
   * Runs the statements as one atomic write: a synchronous transaction on better-sqlite3,
   * `db.batch` on D1 (which has no interactive transactions). Throws if any fails; then none
   * took effect.
   */
  commit(statements: readonly Statement[]): Promise<void>;
  /**
   * Group commit, where the driver can hold a transaction open across awaits (better-sqlite3):
   * runs `work` inside one write transaction, each `commit` within it becomes a savepoint, and
   * all of them reach the disk together when `work` resolves. Nothing `work` did is durable
   * before this resolves, so callers acknowledge only afterwards. Absent on D1, where every
   * commit is its own batch.
   */
  group?<T>(work: () => Promise<T>): Promise<T>;
  /** Which driver, for diagnostics and driver-specific tools (backup). */
  readonly driver: 'better-sqlite3' | 'd1';
  close(): Promise<void>;
}

export function isUniqueViolation(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && !seen.has(e)) {
    seen.add(e);
    const m = e instanceof Error ? e.message : String(e);
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)/u.test(m)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
