import { seenChatStatement } from '../../../db/repo/chats.js';
import { unreachableStatements } from '../../../db/repo/reachability.js';
import { msg } from '../../../domain/messages.js';
import { reply, type HandlerContext, type Plan } from '../../engine/context.js';

export async function membership(ctx: HandlerContext, change: 'bot_added' | 'bot_removed'): Promise<Plan> {
  const { chat } = ctx.event;
  const at = ctx.now.getTime();
  if (change === 'bot_added') {
    return { statements: [seenChatStatement(ctx.db, chat, chat.title ?? null, at)], messages: [reply(ctx, msg.greeting)] };
  }
  // Removed or kicked: remember it so nothing more is queued for this chat. In private it is the
  // person blocking the bot, so they count as unreachable there and reminders go via their group.
  const privateUser = chat.type === 'private' ? ctx.event.sender.userId : null;
  return { statements: unreachableStatements(ctx.db, chat.platform, chat.chatId, privateUser, at), messages: [] };
}
