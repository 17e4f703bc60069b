import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { pauses, people, personActivity, regions, roles } from '../schema/index.js';
import type { Db, Statement } from '../store.js';
import { inChunks } from './chunks.js';

export type PauseRow = typeof pauses.$inferSelect;

/** Pauses still running on `today` (YYYY-MM-DD): the last day itself is still paused. */
export async function pausesFrom(db: Db, today: string): Promise<Map<string, PauseRow>> {
  const rows = await db.select().from(pauses).where(gte(pauses.until, today));
  return new Map(rows.map((r) => [r.personId, r]));
}

export async function pauseOf(db: Db, personId: string, today: string): Promise<PauseRow | null> {
  return (await pausesFrom(db, today)).get(personId) ?? null;
}

/** A new pause replaces an earlier one: the latest word on when someone is back counts. */
export function setPauseStatement(db: Db, row: PauseRow): Statement {
  return db
    .insert(pauses)
    .values(row)
    .onConflictDoUpdate({ target: pauses.personId, set: { until: row.until, reason: row.reason, setBy: row.setBy, setAt: row.setAt } });
}

export function endPauseStatement(db: Db, personId: string): Statement {
  return db.delete(pauses).where(eq(pauses.personId, personId));
}

/** Keeps the later time, so an event decided late never moves someone's activity back. */
export function touchActivityStatement(db: Db, personId: string, at: number): Statement {
  return db
    .insert(personActivity)
    .values({ personId, lastAt: at })
    .onConflictDoUpdate({ target: personActivity.personId, set: { lastAt: sql`max(${personActivity.lastAt}, excluded.last_at)` } });
}

export async function activityOf(db: Db, personIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await inChunks(personIds, (slice) => db.select().from(personActivity).where(inArray(personActivity.personId, slice)));
  return new Map(rows.map((r) => [r.personId, r.lastAt]));
}

/** Leaders and council members by person: the villages whose suggestions they review. */
export async function reviewersByPerson(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ personId: roles.personId, region: roles.regionCode })
    .from(roles)
    .where(inArray(roles.role, ['leader', 'council']));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.region]);
  return out;
}

/** Cadres of this name with their village, for a leader or station pausing someone. */
export async function cadresNamed(db: Db, name: string) {
  return db
    .select({ id: people.id, name: people.name, village: regions.code, path: regions.path, fullName: regions.fullName })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .innerJoin(regions, eq(regions.code, roles.regionCode))
    .where(and(eq(roles.role, 'cadre'), eq(people.name, name)));
}
