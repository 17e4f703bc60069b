import { seenChatStatement, setChatActiveStatement } from '../../db/repo/chats.js';
import { msg } from '../../domain/messages.js';
import { reply, type HandlerContext, type Plan } from '../context.js';

export async function membership(ctx: HandlerContext, change: 'bot_added' | 'bot_removed'): Promise<Plan> {
  const { chat } = ctx.event;
  const at = ctx.now.getTime();
  if (change === 'bot_added') {
    return { statements: [seenChatStatement(ctx.db, chat, chat.title ?? null, at)], messages: [reply(ctx, msg.greeting)] };
  }
  // Removed or kicked: remember it so nothing more is queued for this chat.
  return { statements: [setChatActiveStatement(ctx.db, chat.platform, chat.chatId, false, at)], messages: [] };
}
