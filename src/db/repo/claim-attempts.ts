import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { claimAttempts } from '../schema/index.js';
import type { Db, Statement } from '../store.js';

/** Failures of each subject within the window that started after `windowStart`; absent means none. */
export async function claimFailures(db: Db, subjects: readonly string[], windowStart: number): Promise<Map<string, number>> {
  if (subjects.length === 0) return new Map();
  const rows = await db
    .select()
    .from(claimAttempts)
    .where(and(inArray(claimAttempts.subject, [...subjects]), gt(claimAttempts.windowStart, windowStart)));
  return new Map(rows.map((r) => [r.subject, r.failures]));
}

/**
 * One more failure for the subject. A window that ran out starts again at one, decided in SQL so
 * two failures at once both count.
 */
export function recordClaimFailureStatement(db: Db, subject: string, now: number, windowMs: number): Statement {
  const expired = sql`${claimAttempts.windowStart} <= ${now - windowMs}`;
  return db
    .insert(claimAttempts)
    .values({ subject, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: claimAttempts.subject,
      set: {
        failures: sql`case when ${expired} then 1 else ${claimAttempts.failures} + 1 end`,
        windowStart: sql`case when ${expired} then ${now} else ${claimAttempts.windowStart} end`,
      },
    });
}

export function clearClaimFailuresStatement(db: Db, subject: string): Statement {
  return db.delete(claimAttempts).where(eq(claimAttempts.subject, subject));
}
