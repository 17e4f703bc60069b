import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../domain/types.js';
import { identities } from '../schema/index.js';
import type { Db, Statement } from '../store.js';
import { setChatActiveStatement } from './chats.js';

/**
 * The platform refuses a chat for good (bot blocked or kicked): the chat is inactive, and when it
 * is someone's private chat, that person is unreachable in private, so reminders go through the
 * village group instead.
 */
export function unreachableStatements(db: Db, platform: Platform, chatId: string, privateUserId: string | null, at: number): Statement[] {
  const out: Statement[] = [setChatActiveStatement(db, platform, chatId, false, at)];
  if (privateUserId) {
    out.push(
      db
        .update(identities)
        .set({ unreachableAt: at })
        .where(and(eq(identities.platform, platform), eq(identities.userId, privateUserId))),
    );
  }
  return out;
}
