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

/**
 * Dedupe rows must outlive every platform's redelivery window, or a late redelivery would be
 * handled (and answered) a second time:
 * - Telegram keeps an update it could not deliver for up to 24 hours and retries it;
 * - Feishu retries an unanswered event at 15 s, 5 min, 1 h and 6 h, the same event_id each time;
 * - WeCom retries a callback not answered within 5 s three times, within about a minute;
 * - DingTalk retries HTTP event pushes and redelivers unacknowledged Stream events on reconnect;
 *   failed pushes can also be pulled by the app later, which we do not do.
 * The longest is Telegram's day; seven days leaves room for a server down over a long weekend.
 */
export const PROCESSED_RETENTION_MS = 7 * 24 * 3600_000;

/** Rows each sweep removes at most, so a backlog after downtime never holds the write lock long. */
export const PRUNE_BATCH = 2_000;

export function pruneProcessedStatement(db: Db, now: number): Statement {
  const oldest = db
    .select({ rowid: sql`rowid` })
    .from(processedEvents)
    .where(lt(processedEvents.processedAt, now - PROCESSED_RETENTION_MS))
    .limit(PRUNE_BATCH);
  return db.delete(processedEvents).where(sql`rowid in ${oldest}`);
}
