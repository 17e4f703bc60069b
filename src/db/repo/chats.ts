import { and, eq, sql } from 'drizzle-orm';
import type { ChatPurpose, ChatRef, Platform } from '../../domain/types.js';
import { chats } from '../schema/index.js';
import { compiledWrite, perDb } from '../prepared.js';
import type { Db, Statement } from '../store.js';

export type ChatRow = typeof chats.$inferSelect;

/** Every event reads its chat, and every send its target: compiled once per connection. */
export async function getChat(db: Db, platform: Platform, chatId: string): Promise<ChatRow | null> {
  const query = perDb(db, 'get-chat', () =>
    db
      .select()
      .from(chats)
      .where(and(eq(chats.platform, sql.placeholder('platform')), eq(chats.chatId, sql.placeholder('chatId'))))
      .limit(1)
      .prepare(),
  );
  return (await query.all({ platform, chatId }))[0] ?? null;
}

export async function chatsForRegion(db: Db, regionCode: string, purpose?: ChatPurpose): Promise<ChatRow[]> {
  const query = perDb(db, purpose ? 'chats-for-region-purpose' : 'chats-for-region', () => {
    const cond = and(eq(chats.regionCode, sql.placeholder('regionCode')), eq(chats.active, 1));
    return db
      .select()
      .from(chats)
      .where(purpose ? and(cond, eq(chats.purpose, sql.placeholder('purpose'))) : cond)
      .prepare();
  });
  return query.all(purpose ? { regionCode, purpose } : { regionCode });
}

type SeenChat = { platform: string; chatId: string; threadId: string | null; type: ChatRef['type']; title: string | null; at: number };

/** Remember a chat the bot has heard from; keeps any binding it already has. */
export function seenChatStatement(db: Db, chat: ChatRef, title: string | null, at: number): Statement {
  const values: SeenChat = { platform: chat.platform, chatId: chat.chatId, threadId: chat.threadId, type: chat.type, title, at };
  // An event without a title keeps the one known: two statements, with and without it.
  return compiledWrite<SeenChat>(db, title ? 'seen-chat-titled' : 'seen-chat', (v) =>
    db
      .insert(chats)
      .values({ platform: v('platform'), chatId: v('chatId'), threadId: v('threadId'), type: v('type'), title: v('title'), updatedAt: v('at'), active: 1 })
      .onConflictDoUpdate({
        target: [chats.platform, chats.chatId],
        set: { active: 1, updatedAt: v('at'), ...(title ? { title: v('title') } : {}) },
      }),
  )(values);
}

export function bindChatStatement(
  db: Db,
  chat: ChatRef,
  binding: { regionCode: string; purpose: ChatPurpose; boundBy: string; title: string | null },
  at: number,
): Statement {
  const set = {
    regionCode: binding.regionCode,
    purpose: binding.purpose,
    boundBy: binding.boundBy,
    boundAt: at,
    threadId: chat.threadId,
    active: 1,
    updatedAt: at,
  };
  return db
    .insert(chats)
    .values({ platform: chat.platform, chatId: chat.chatId, type: chat.type, title: binding.title, ...set })
    .onConflictDoUpdate({ target: [chats.platform, chats.chatId], set });
}

export function setChatActiveStatement(db: Db, platform: Platform, chatId: string, active: boolean, at: number): Statement {
  return db
    .update(chats)
    .set({ active: active ? 1 : 0, updatedAt: at })
    .where(and(eq(chats.platform, platform), eq(chats.chatId, chatId)));
}
