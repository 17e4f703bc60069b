import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { outbox } from '../schema/index.js';
import type { Db, Statement } from '../store.js';
import { PRUNE_BATCH, pruneProcessedStatement } from './events.js';
import { pruneFilesStatement } from './files.js';

/**
 * A sent message's words are kept a day (the console's feed and `/healthz` read recent ones),
 * then the payload is emptied; the row itself (its key, the platform's message id for edits) is
 * kept a week, then deleted. Rows not sent (pending, sending, dead) are never touched, and rows of
 * scheduled messages are only emptied: their key keeps a month's count line from going out twice.
 */
export const SENT_PAYLOAD_RETENTION_MS = 24 * 3600_000;
export const SENT_ROW_RETENTION_MS = 7 * 24 * 3600_000;
/** Files no unsent row needs are kept as long as the rows that sent them. */
export const FILE_RETENTION_MS = SENT_ROW_RETENTION_MS;

const EMPTIED = '{"text":""}';

/**
 * How often the tick sweeps. With PRUNE_BATCH rows per table a sweep, that is 288,000 rows a
 * day per table, more than a province's busiest day of events and replies.
 */
export const RETENTION_EVERY_MINUTES = 10;

/**
 * The statements of one retention sweep, each bounded to PRUNE_BATCH rows so that a sweep after
 * long downtime costs a few milliseconds a tick instead of one long stall. Sent rows are found by
 * `next_attempt_at` (on the state index): for a sent row it is when its last attempt was due,
 * at or just before it was sent.
 */
export function retentionStatements(db: Db, now: number): Statement[] {
  const sentBefore = (cutoff: number) => and(eq(outbox.state, 'sent'), lt(outbox.nextAttemptAt, cutoff));
  const ids = (where: ReturnType<typeof sentBefore>) => db.select({ id: outbox.id }).from(outbox).where(where).limit(PRUNE_BATCH);
  return [
    pruneProcessedStatement(db, now),
    db.delete(outbox).where(sql`${outbox.id} in ${ids(and(sentBefore(now - SENT_ROW_RETENTION_MS), eq(outbox.scheduled, 0)))}`),
    db
      .update(outbox)
      .set({ payload: EMPTIED, fileId: null })
      // Only the last hour's worth past the cutoff: rescanning a week of emptied rows every minute
      // would be a stall of its own. After longer downtime the rows go whole at a week instead.
      .where(sql`${outbox.id} in ${ids(and(sentBefore(now - SENT_PAYLOAD_RETENTION_MS), gte(outbox.nextAttemptAt, now - SENT_PAYLOAD_RETENTION_MS - 3600_000), sql`${outbox.payload} <> ${EMPTIED}`))}`),
    pruneFilesStatement(db, now - FILE_RETENTION_MS),
  ];
}
