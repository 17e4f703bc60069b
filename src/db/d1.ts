import type { D1Database } from '@cloudflare/workers-types/index';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema/index.js';
import type { Db, Statement, Store } from './store.js';

export interface D1Store extends Store {
  readonly d1: D1Database;
}

/**
 * The store over a D1 binding. Migrations are not applied here: `wrangler d1 migrations apply`
 * runs the same drizzle-kit files before a deploy, so a cold isolate does no schema work.
 */
export function openD1Store(binding: D1Database): D1Store {
  const db = drizzle(binding, { schema });
  return {
    d1: binding,
    db: db as unknown as Db,
    driver: 'd1',
    async commit(statements: readonly Statement[]) {
      const [first, ...rest] = statements;
      if (!first) return;
      // D1 runs a batch as one implicit transaction: a failing statement rolls back the others.
      await db.batch([first, ...rest]);
    },
    async close() {
      // The binding belongs to the runtime; there is nothing to release.
    },
  };
}
