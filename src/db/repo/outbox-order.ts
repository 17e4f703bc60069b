import { and, eq, gt, lt } from 'drizzle-orm';
import { outbox } from '../schema/index.js';
import type { Db } from '../store.js';

/**
 * Whether an earlier row of the chat is being sent right now (claimed, lease running) by another
 * sender, possibly another process. Later rows of that chat must wait for it, or they could
 * overtake it.
 */
export async function earlierRowInFlight(db: Db, platform: string, chatId: string, beforeId: number, now: number): Promise<boolean> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.platform, platform), eq(outbox.chatId, chatId), lt(outbox.id, beforeId), eq(outbox.state, 'sending'), gt(outbox.leaseUntil, now)))
    .limit(1);
  return rows.length > 0;
}
