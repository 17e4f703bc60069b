import { isWithin } from '../../domain/access.js';
import { and, asc, eq, like, max } from 'drizzle-orm';
import type { Platform } from '../../domain/types.js';
import { joinRequests, regions } from '../schema/index.js';
import type { Db, Statement } from '../store.js';

export type JoinRequestRow = typeof joinRequests.$inferSelect;

export async function nextJoinRequestNo(db: Db): Promise<number> {
  const rows = await db.select({ m: max(joinRequests.id) }).from(joinRequests);
  return (rows[0]?.m ?? 0) + 1;
}

export async function getJoinRequest(db: Db, id: number): Promise<JoinRequestRow | null> {
  const rows = await db.select().from(joinRequests).where(eq(joinRequests.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function pendingRequestOf(db: Db, platform: Platform, userId: string, regionCode: string): Promise<JoinRequestRow | null> {
  const rows = await db
    .select()
    .from(joinRequests)
    .where(
      and(
        eq(joinRequests.platform, platform),
        eq(joinRequests.userId, userId),
        eq(joinRequests.regionCode, regionCode),
        eq(joinRequests.status, 'pending'),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** Pending requests of villages inside a region (a village, or everything a station covers). */
export async function pendingRequestsUnder(db: Db, regionPath: string, limit = 20): Promise<JoinRequestRow[]> {
  const rows = await db
    .select({ r: joinRequests, path: regions.path })
    .from(joinRequests)
    .innerJoin(regions, eq(regions.code, joinRequests.regionCode))
    .where(and(eq(joinRequests.status, 'pending'), like(regions.path, `${regionPath}%`)))
    .orderBy(asc(joinRequests.id))
    .limit(limit);
  return rows.filter((x) => isWithin(x.path, regionPath)).map((x) => x.r);
}

export function insertJoinRequestStatement(db: Db, row: typeof joinRequests.$inferInsert): Statement {
  return db.insert(joinRequests).values(row);
}

/** Only a pending request changes, so two approvers pressing at once decide it once. */
export function decideJoinRequestStatement(
  db: Db,
  id: number,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; reason: string | null; at: number },
): Statement {
  return db
    .update(joinRequests)
    .set({ status: decision.status, decidedBy: decision.decidedBy, reason: decision.reason, decidedAt: decision.at })
    .where(and(eq(joinRequests.id, id), eq(joinRequests.status, 'pending')));
}
