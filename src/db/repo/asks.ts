import { and, eq, max } from 'drizzle-orm';
import { askAnswers, askRelays, asks, outbox } from '../schema/index.js';
import type { Db, Statement } from '../store.js';

export type AskRow = typeof asks.$inferSelect;

/** Next 问#N; the primary key catches two questions numbered at once (the pipeline re-decides). */
export async function nextAskId(db: Db): Promise<number> {
  const rows = await db.select({ m: max(asks.id) }).from(asks);
  return (rows[0]?.m ?? 0) + 1;
}

export function insertAskStatement(db: Db, row: typeof asks.$inferInsert): Statement {
  return db.insert(asks).values(row);
}

export function insertRelayStatement(db: Db, row: typeof askRelays.$inferInsert): Statement {
  return db.insert(askRelays).values(row).onConflictDoNothing();
}

export async function getAsk(db: Db, id: number): Promise<AskRow | null> {
  const rows = await db.select().from(asks).where(eq(asks.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The question whose relayed copy in this chat was sent as this platform message. */
export async function askByRelayedMessage(db: Db, platform: string, chatId: string, messageId: string): Promise<AskRow | null> {
  const rows = await db
    .select({ a: asks })
    .from(askRelays)
    .innerJoin(outbox, eq(outbox.key, askRelays.outboxKey))
    .innerJoin(asks, eq(asks.id, askRelays.askId))
    .where(and(eq(askRelays.platform, platform), eq(askRelays.chatId, chatId), eq(outbox.sentMessageId, messageId)))
    .limit(1);
  return rows[0]?.a ?? null;
}

export function insertAnswerStatement(db: Db, row: typeof askAnswers.$inferInsert): Statement {
  return db.insert(askAnswers).values(row);
}

export function markAnsweredStatement(db: Db, id: number): Statement {
  return db.update(asks).set({ status: 'answered' }).where(eq(asks.id, id));
}
