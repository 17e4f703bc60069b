import { and, eq } from 'drizzle-orm';
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
