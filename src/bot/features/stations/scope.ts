import { findRegions, getRegion } from '../../../db/repo/regions.js';
import { topRegions } from '../../../db/repo/stats.js';
import type { Db } from '../../../db/store.js';
import { isWithin } from '../../../domain/access.js';
import type { StatsScope } from '../../../domain/stats/index.js';
import type { Region, RoleGrant, RoleName } from '../../../domain/types.js';

/** The code that stands for "every region" in links and scopes (an admin's view). */
export const ALL = '*';

/** What a sender may see: everything, or the areas of their station, council or cadre roles. */
export interface Reach {
  all: boolean;
  /** Regions the sender answers for, broadest first. */
  regions: Region[];
}

/** Station roles see their area; council members, leaders and cadres only their own village. */
const REACHING: readonly RoleName[] = ['county_station', 'township_station', 'council', 'leader', 'cadre'];
const STATION_ROLES: readonly RoleName[] = ['admin', 'county_station', 'township_station'];

export async function reachOf(db: Db, roles: readonly RoleGrant[], only: 'any' | 'stations' = 'any'): Promise<Reach> {
  const allowed = only === 'stations' ? STATION_ROLES : ['admin', ...REACHING];
  if (roles.some((r) => r.role === 'admin' && allowed.includes('admin'))) return { all: true, regions: [] };
  const codes = [...new Set(roles.filter((r) => allowed.includes(r.role)).map((r) => r.regionCode))];
  const regions = (await Promise.all(codes.map((c) => getRegion(db, c)))).filter((r): r is Region => r !== null);
  regions.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.code.localeCompare(b.code));
  // A grant inside another grant adds nothing.
  const kept = regions.filter((r) => !regions.some((o) => o !== r && o.path !== r.path && isWithin(r.path, o.path)));
  return { all: false, regions: kept };
}

export function canReach(reach: Reach, path: string): boolean {
  return reach.all || reach.regions.some((r) => isWithin(path, r.path));
}

export function scopeOfRegion(r: Region): StatsScope {
  return { code: r.code, name: r.name, fullName: r.fullName, level: r.level, path: r.path };
}

/** Everything the bot knows; when that is one city, the city itself reads better than "全域". */
export async function wholeScope(db: Db): Promise<StatsScope> {
  const tops = await topRegions(db);
  if (tops.length === 1) {
    const only = await getRegion(db, tops[0]!.code);
    if (only) return scopeOfRegion(only);
  }
  return { code: ALL, name: '全域', fullName: '全域', level: 'all', path: '' };
}

/** The scope a sender gets without naming one: the chat's region if they reach it, else their own. */
export async function defaultScope(db: Db, reach: Reach, chatRegion: Region | null): Promise<StatsScope> {
  if (chatRegion && canReach(reach, chatRegion.path)) return scopeOfRegion(chatRegion);
  if (reach.all) return wholeScope(db);
  return scopeOfRegion(reach.regions[0]!);
}

export type ScopeLookup =
  | { ok: true; scope: StatsScope }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'ambiguous'; options: Region[] }
  | { ok: false; reason: 'out-of-scope'; region: Region };

/** Find the region a sender named, preferring, among same-named places, the one they answer for. */
export async function lookupScope(db: Db, reach: Reach, query: string): Promise<ScopeLookup> {
  const q = query.trim();
  if (q === ALL || q === '全域') {
    return reach.all ? { ok: true, scope: await wholeScope(db) } : { ok: false, reason: 'not-found' };
  }
  const found = await findRegions(db, q, 50);
  if (found.length === 0) return { ok: false, reason: 'not-found' };
  const reachable = found.filter((r) => canReach(reach, r.path));
  if (reachable.length === 1) return { ok: true, scope: scopeOfRegion(reachable[0]!) };
  if (reachable.length > 1) return { ok: false, reason: 'ambiguous', options: reachable };
  if (found.length === 1) return { ok: false, reason: 'out-of-scope', region: found[0]! };
  return { ok: false, reason: 'ambiguous', options: found };
}

/** Names of what a sender may look at, for a refusal that says what they can do instead. */
export function reachNames(reach: Reach): string[] {
  return reach.all ? ['全域'] : reach.regions.map((r) => r.fullName);
}
