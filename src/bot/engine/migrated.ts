import { chatMigrationStatements } from '../../db/repo/chat-migration.js';
import type { HandlerContext, Plan } from './context.js';
import type { Feature } from './feature.js';

/**
 * A group became a supergroup under a new id: binding, history and undelivered messages move
 * with it in the event's own atomic write, so a redelivered notice moves nothing twice.
 */
export async function migrated(ctx: HandlerContext, newChatId: string): Promise<Plan> {
  const { platform, chatId } = ctx.event.chat;
  return { statements: await chatMigrationStatements(ctx.db, platform, chatId, newChatId, ctx.now.getTime()), messages: [] };
}

/** Chat migration is the engine's own: whichever platform moves a chat, the same rows move. */
export const chatMigration: Feature = { name: 'chat-migration', routes: { migrated } };
