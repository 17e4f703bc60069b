import { drizzle } from 'drizzle-orm/d1';
import { migrate } from 'drizzle-orm/d1/migrator';
import { Miniflare } from 'miniflare';
import { openD1Store } from '../../src/db/d1.js';
import { MIGRATIONS_DIR, openSqliteStore } from '../../src/db/sqlite.js';
import type { Store } from '../../src/db/store.js';

/** Makes a fresh, migrated, empty store; `close` releases everything it started. */
export type StoreFactory = () => Promise<Store>;

export const sqliteFactory: StoreFactory = async () => openSqliteStore(':memory:');

/**
 * A private D1 database served by workerd through Miniflare, reached from Node over Miniflare's
 * binding proxy: the same D1 API (prepare, bind, batch) a deployed Worker calls.
 */
export const d1Factory: StoreFactory = async () => {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response(null, { status: 204 }); } }',
    d1Databases: ['DB'],
    compatibilityDate: '2026-04-01',
  });
  const binding = await mf.getD1Database('DB');
  // The contract's D1 stores are in-memory and private, so drizzle's migrator suffices here; the
  // Worker end-to-end test applies the same files with `wrangler d1 migrations apply`.
  await migrate(drizzle(binding), { migrationsFolder: MIGRATIONS_DIR });
  const store = openD1Store(binding as never);
  return {
    ...store,
    async close() {
      await mf.dispose();
    },
  };
};

export const STORE_FACTORIES: readonly [string, StoreFactory][] = [
  ['better-sqlite3', sqliteFactory],
  ['d1 (miniflare)', d1Factory],
];
