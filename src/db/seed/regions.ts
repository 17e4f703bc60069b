import { sql } from 'drizzle-orm';
import { parseRegionLines, type RegionSeed } from '../../domain/regions/tree.js';
import type { Region } from '../../domain/types.js';
import { regionFromInput } from '../repo/regions.js';
import { regions } from '../schema/index.js';
import type { Db, Statement, Store } from '../store.js';
import { YUXI_REGIONS } from './yuxi-regions.js';

/** The official Yuxi tree that ships with the bot. */
export function shippedRegions(): RegionSeed[] {
  return parseRegionLines(YUXI_REGIONS);
}

/**
 * Rows per statement. Each statement carries its rows as one JSON parameter: D1 allows 100 bound
 * parameters a query and counts every statement of a batch against the 1,000 queries an
 * invocation may run, so 800 regions as 800 inserts would not fit beside a cron tick.
 */
const ROWS_PER_STATEMENT = 200;

export interface LoadResult {
  added: number;
  updated: number;
}

/**
 * Statements that write the official regions. Rows keep the path and full name derived from the
 * tree (the parent is in `seeds` before the child, or already stored). Codes not in `seeds` are
 * never touched, so regions an operator added stay. `keepExisting` leaves stored rows as they are
 * (the start-up fill); otherwise official names and parents replace what is stored (a reload).
 */
export function regionLoadStatements(db: Db, seeds: readonly RegionSeed[], stored: ReadonlyMap<string, Region>, keepExisting: boolean): Statement[] {
  const known = new Map(stored);
  const rows: (typeof regions.$inferInsert)[] = [];
  for (const seed of seeds) {
    const parent = seed.parentCode ? known.get(seed.parentCode) ?? null : null;
    const region = regionFromInput(seed, parent);
    known.set(seed.code, region);
    rows.push({ code: seed.code, name: seed.name, level: seed.level, parentCode: seed.parentCode, path: region.path, fullName: region.fullName, officialName: seed.officialName });
  }
  const conflict = keepExisting
    ? sql`on conflict (code) do nothing`
    : sql`on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code, path = excluded.path, full_name = excluded.full_name, official_name = excluded.official_name`;
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT));
    // Columns in the table's order (the planning unit is the operator's, never the official list's);
    // `where true` keeps SQLite from reading ON CONFLICT as a join.
    out.push(
      db.insert(regions).select(
        sql`select json_extract(value, '$.code'), json_extract(value, '$.name'), json_extract(value, '$.level'), json_extract(value, '$.parentCode'), json_extract(value, '$.path'), json_extract(value, '$.fullName'), null, json_extract(value, '$.officialName') from json_each(${json}) where true ${conflict}`,
      ),
    );
  }
  return out;
}

async function storedRegions(db: Db): Promise<Map<string, Region>> {
  const rows = await db.select().from(regions);
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, path: r.path, fullName: r.fullName }]));
}

/** Loads official regions (a prefecture or province) in one atomic write. Safe to run again. */
export async function loadRegions(store: Store, seeds: readonly RegionSeed[]): Promise<LoadResult> {
  const stored = await storedRegions(store.db);
  await store.commit(regionLoadStatements(store.db, seeds, stored, false));
  const updated = seeds.filter((s) => stored.has(s.code)).length;
  return { added: seeds.length - updated, updated };
}

/**
 * Every deployment starts with the shipped Yuxi tree: a database with no regions at all gets it
 * (Node at start, the Worker on its cron). A database that has any region is left alone.
 */
export async function ensureShippedRegions(store: Store): Promise<number> {
  const any = await store.db.select({ code: regions.code }).from(regions).limit(1);
  if (any.length > 0) return 0;
  const seeds = shippedRegions();
  await store.commit(regionLoadStatements(store.db, seeds, new Map(), true));
  return seeds.length;
}
