import { isWithin } from '../../domain/access.js';
import { and, eq, like, or, sql } from 'drizzle-orm';
import type { Region, RegionLevel } from '../../domain/types.js';
import { regions } from '../schema/index.js';
import { perDb } from '../prepared.js';
import type { Db, Statement } from '../store.js';

type RegionRow = typeof regions.$inferSelect;

function toRegion(r: RegionRow): Region {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, path: r.path, fullName: r.fullName };
}

/** Every event reads its chat's village: compiled once per connection. */
export async function getRegion(db: Db, code: string): Promise<Region | null> {
  const query = perDb(db, 'get-region', () => db.select().from(regions).where(eq(regions.code, sql.placeholder('code'))).limit(1).prepare());
  const row = (await query.all({ code }))[0];
  return row ? toRegion(row) : null;
}

/** Exact code, exact name (spoken or official), exact full name, then names containing the query. */
export async function findRegions(db: Db, query: string, limit = 20): Promise<Region[]> {
  const q = query.trim();
  if (!q) return [];
  const exact = await db
    .select()
    .from(regions)
    .where(or(eq(regions.code, q), eq(regions.name, q), eq(regions.fullName, q), eq(regions.officialName, q)))
    .limit(limit);
  if (exact.length > 0) return exact.map(toRegion);
  const escaped = q.replace(/[\\%_]/gu, (c) => `\\${c}`);
  const partial = await db
    .select()
    .from(regions)
    .where(like(regions.fullName, `%${escaped}%`))
    .limit(limit);
  return partial.map(toRegion);
}

export async function childRegions(db: Db, parentCode: string): Promise<Region[]> {
  const rows = await db.select().from(regions).where(eq(regions.parentCode, parentCode)).orderBy(regions.code);
  return rows.map(toRegion);
}

export async function regionsByLevel(db: Db, level: RegionLevel): Promise<Region[]> {
  const rows = await db.select().from(regions).where(eq(regions.level, level)).orderBy(regions.code);
  return rows.map(toRegion);
}

export async function regionsUnder(db: Db, path: string, level?: RegionLevel): Promise<Region[]> {
  const cond = like(regions.path, `${path}%`);
  const rows = await db
    .select()
    .from(regions)
    .where(level ? and(cond, eq(regions.level, level)) : cond)
    .orderBy(regions.code);
  return rows.map(toRegion).filter((r) => isWithin(r.path, path));
}

export interface RegionInput {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * Statement to insert or update a region given its parent (already stored or in `known`).
 * The path and full name are derived here so they can never disagree with the tree.
 */
export function upsertRegionStatement(db: Db, input: RegionInput, parent: Region | null): Statement {
  const path = parent ? `${parent.path}/${input.code}` : input.code;
  // The city name is left out of full names: inside one city people say 江川区江城镇温泉村.
  const fullName = parent && parent.level !== 'city' ? parent.fullName + input.name : input.name;
  const row = { code: input.code, name: input.name, level: input.level, parentCode: input.parentCode, path, fullName };
  return db
    .insert(regions)
    .values(row)
    .onConflictDoUpdate({ target: regions.code, set: { name: row.name, level: row.level, parentCode: row.parentCode, path, fullName } });
}

export function regionFromInput(input: RegionInput, parent: Region | null): Region {
  const path = parent ? `${parent.path}/${input.code}` : input.code;
  const fullName = parent && parent.level !== 'city' ? parent.fullName + input.name : input.name;
  return { ...input, path, fullName };
}

/** The village's planning technical unit (规划编制技术单位), named on the forwarding document. */
export function setPlanningUnitStatement(db: Db, code: string, unit: string): Statement {
  return db.update(regions).set({ planningUnit: unit }).where(eq(regions.code, code));
}

export async function planningUnitOf(db: Db, code: string): Promise<string | null> {
  const rows = await db.select({ unit: regions.planningUnit }).from(regions).where(eq(regions.code, code)).limit(1);
  return rows[0]?.unit ?? null;
}
