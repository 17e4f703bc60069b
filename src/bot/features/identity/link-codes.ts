import { and, eq, gt, lt, or } from 'drizzle-orm';
import { linkAttempts, linkCodes } from '../../../db/schema/index.js';
import type { Db, Statement } from '../../../db/store.js';
import type { Platform } from '../../../domain/types.js';

export type LinkCodeRow = typeof linkCodes.$inferSelect;

export async function liveCode(db: Db, code: string, now: number): Promise<LinkCodeRow | null> {
  const rows = await db
    .select()
    .from(linkCodes)
    .where(and(eq(linkCodes.code, code), gt(linkCodes.expiresAt, now)))
    .limit(1);
  return rows[0] ?? null;
}

/** Drops the account's earlier codes (only the newest one works) and every expired code. */
export function clearCodesStatement(db: Db, platform: Platform, userId: string, now: number): Statement {
  return db
    .delete(linkCodes)
    .where(or(lt(linkCodes.expiresAt, now + 1), and(eq(linkCodes.platform, platform), eq(linkCodes.userId, userId))));
}

export function insertCodeStatement(db: Db, row: typeof linkCodes.$inferInsert): Statement {
  return db.insert(linkCodes).values(row);
}

export function useCodeStatement(db: Db, code: string): Statement {
  return db.delete(linkCodes).where(eq(linkCodes.code, code));
}

export async function failuresOf(db: Db, platform: Platform, userId: string, windowStart: number): Promise<number> {
  const rows = await db
    .select({ failures: linkAttempts.failures })
    .from(linkAttempts)
    .where(and(eq(linkAttempts.platform, platform), eq(linkAttempts.userId, userId), gt(linkAttempts.windowStart, windowStart)))
    .limit(1);
  return rows[0]?.failures ?? 0;
}

/** One more wrong code; a window that has run out starts again at one. */
export function recordFailureStatement(db: Db, platform: Platform, userId: string, failures: number, now: number): Statement {
  return db
    .insert(linkAttempts)
    .values({ platform, userId, failures, windowStart: now })
    .onConflictDoUpdate({
      target: [linkAttempts.platform, linkAttempts.userId],
      set: { failures, ...(failures === 1 ? { windowStart: now } : {}) },
    });
}

export function clearFailuresStatement(db: Db, platform: Platform, userId: string): Statement {
  return db.delete(linkAttempts).where(and(eq(linkAttempts.platform, platform), eq(linkAttempts.userId, userId)));
}
