import { and, eq, lt, sql } from 'drizzle-orm';
import { processedEvents } from '../schema/index.js';
import { compiledWrite } from '../prepared.js';
import type { Db, Statement } from '../store.js';

export async function isProcessed(db: Db, platform: string, eventId: string): Promise<boolean> {
  const rows = await db
    .select({ p: processedEvents.platform })
    .from(processedEvents)
    .where(and(eq(processedEvents.platform, platform), eq(processedEvents.eventId, eventId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * `isProcessed` compiled once, for the per-event check: building a drizzle query costs some 40 µs,
 * twenty times what SQLite takes to answer it. Prepare once per store and keep the function.
 */
export function prepareIsProcessed(db: Db): (platform: string, eventId: string) => Promise<boolean> {
  const query = db
    .select({ p: processedEvents.platform })
    .from(processedEvents)
    .where(and(eq(processedEvents.platform, sql.placeholder('platform')), eq(processedEvents.eventId, sql.placeholder('eventId'))))
    .limit(1)
    .prepare();
  return async (platform, eventId) => (await query.all({ platform, eventId })).length > 0;
}

/** Plain INSERT: a second delivery racing the first fails the whole write, which is the point. */
export function markProcessedStatement(db: Db, platform: string, eventId: string, at: number): Statement {
  return compiledWrite<{ platform: string; eventId: string; at: number }>(db, 'mark-processed', (v) =>
    db.insert(processedEvents).values({ platform: v('platform'), eventId: v('eventId'), processedAt: v('at') }),
  )({ platform, eventId, at });
}

/** Dedupe rows must outlive every platform's redelivery window (Feishu's last retry is at 6 h). */
export const PROCESSED_RETENTION_MS = 30 * 24 * 3600_000;

export function pruneProcessedStatement(db: Db, now: number): Statement {
  return db.delete(processedEvents).where(lt(processedEvents.processedAt, now - PROCESSED_RETENTION_MS));
}
