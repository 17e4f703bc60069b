import { saveConversationStatement } from '../../db/repo/conversations.js';
import type { Statement } from '../../db/store.js';
import type { HandlerContext } from './context.js';

/** How long the bot waits for the next message of a conversation (a choice, the text of a record). */
export const CONVERSATION_TTL_MS = 10 * 60_000;

/**
 * Starts (or replaces) the sender's conversation in this chat: their next message goes to the
 * handler registered for `kind`, with `data`, until it ends or the TTL passes.
 */
export function startConversationStatement(ctx: HandlerContext, kind: string, data: unknown): Statement {
  const now = ctx.now.getTime();
  return saveConversationStatement(ctx.db, {
    platform: ctx.event.chat.platform,
    chatId: ctx.event.chat.chatId,
    userId: ctx.event.sender.userId,
    kind,
    data: JSON.stringify(data),
    expiresAt: now + CONVERSATION_TTL_MS,
    updatedAt: now,
  });
}
