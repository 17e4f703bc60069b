import { and, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../../domain/types.js';
import { chats, conversations, joinRequests, outbox, records } from '../schema/index.js';
import type { Db, Statement, Store } from '../store.js';
import { getChat } from './chats.js';

/**
 * Everything that moves when a chat gets a new id (a group upgraded to a supergroup):
 * the binding, the records and join requests made there, half-finished conversations and the
 * messages not yet delivered. Sent rows stay: their message ids belong to the old chat.
 * Idempotent: run twice (the old group's notice and the new supergroup's), the second moves nothing.
 */
export async function chatMigrationStatements(db: Db, platform: Platform, from: string, to: string, at: number): Promise<Statement[]> {
  if (from === to) return [];
  const [oldChat, newChat, oldConversations] = await Promise.all([
    getChat(db, platform, from),
    getChat(db, platform, to),
    db
      .select({ userId: conversations.userId })
      .from(conversations)
      .where(and(eq(conversations.platform, platform), eq(conversations.chatId, from))),
  ]);
  const out: Statement[] = [];
  const oldRow = and(eq(chats.platform, platform), eq(chats.chatId, from));
  const newRow = and(eq(chats.platform, platform), eq(chats.chatId, to));
  if (oldChat) {
    if (newChat?.regionCode && !oldChat.regionCode) {
      // The new chat was bound on its own since; that binding is the newer decision.
      out.push(db.delete(chats).where(oldRow));
    } else {
      // A row the new chat got from being seen before the notice arrived holds no binding.
      if (newChat) out.push(db.delete(chats).where(newRow));
      out.push(db.update(chats).set({ chatId: to, type: 'group', active: 1, updatedAt: at }).where(oldRow));
    }
  }
  out.push(db.update(records).set({ chatId: to }).where(and(eq(records.platform, platform), eq(records.chatId, from))));
  out.push(db.update(joinRequests).set({ chatId: to }).where(and(eq(joinRequests.platform, platform), eq(joinRequests.chatId, from))));
  const movingUsers = oldConversations.map((c) => c.userId);
  if (movingUsers.length > 0) {
    // The exchange begun in the old chat is the one the person is answering.
    out.push(
      db
        .delete(conversations)
        .where(and(eq(conversations.platform, platform), eq(conversations.chatId, to), inArray(conversations.userId, movingUsers))),
    );
    out.push(db.update(conversations).set({ chatId: to }).where(and(eq(conversations.platform, platform), eq(conversations.chatId, from))));
  }
  out.push(
    db
      .update(outbox)
      .set({ chatId: to })
      .where(and(eq(outbox.platform, platform), eq(outbox.chatId, from), inArray(outbox.state, ['pending', 'sending']))),
  );
  return out;
}

/** Move a chat to its new id in one atomic write (the dispatcher's path, outside any event). */
export async function migrateChat(store: Store, platform: Platform, from: string, to: string, at: number): Promise<void> {
  await store.commit(await chatMigrationStatements(store.db, platform, from, to, at));
}
