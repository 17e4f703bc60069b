import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { outbox } from '../schema/index.js';
import { perDb } from '../prepared.js';
import type { Db } from '../store.js';

/**
 * Whether an earlier row of the chat is being sent right now (claimed, lease running) by another
 * sender, possibly another process. Later rows of that chat must wait for it, or they could
 * overtake it.
 */
export async function earlierRowInFlight(db: Db, platform: string, chatId: string, beforeId: number, now: number): Promise<boolean> {
  const query = perDb(db, 'earlier-row-in-flight', () =>
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.platform, sql.placeholder('platform')),
          eq(outbox.chatId, sql.placeholder('chatId')),
          lt(outbox.id, sql.placeholder('beforeId')),
          eq(outbox.state, 'sending'),
          gt(outbox.leaseUntil, sql.placeholder('now')),
        ),
      )
      .limit(1)
      .prepare(),
  );
  const rows = await query.all({ platform, chatId, beforeId, now });
  return rows.length > 0;
}
