import { and, eq, sql } from 'drizzle-orm';
import type { Platform } from '../../domain/types.js';
import { conversations } from '../schema/index.js';
import type { Db, Statement } from '../store.js';

export type ConversationRow = typeof conversations.$inferSelect;

export async function getConversation(db: Db, platform: Platform, chatId: string, userId: string): Promise<ConversationRow | null> {
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.platform, platform), eq(conversations.chatId, chatId), eq(conversations.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

/** `getConversation` compiled once per store, for the per-event context (see prepareIsProcessed). */
export function prepareGetConversation(db: Db): (platform: Platform, chatId: string, userId: string) => Promise<ConversationRow | null> {
  const query = db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.platform, sql.placeholder('platform')),
        eq(conversations.chatId, sql.placeholder('chatId')),
        eq(conversations.userId, sql.placeholder('userId')),
      ),
    )
    .limit(1)
    .prepare();
  return async (platform, chatId, userId) => (await query.all({ platform, chatId, userId }))[0] ?? null;
}

export function saveConversationStatement(db: Db, row: typeof conversations.$inferInsert): Statement {
  return db
    .insert(conversations)
    .values(row)
    .onConflictDoUpdate({
      target: [conversations.platform, conversations.chatId, conversations.userId],
      set: { kind: row.kind, data: row.data, expiresAt: row.expiresAt, updatedAt: row.updatedAt },
    });
}

export function endConversationStatement(db: Db, platform: Platform, chatId: string, userId: string): Statement {
  return db
    .delete(conversations)
    .where(and(eq(conversations.platform, platform), eq(conversations.chatId, chatId), eq(conversations.userId, userId)));
}
