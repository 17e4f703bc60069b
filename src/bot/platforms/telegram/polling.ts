import type { Bot } from 'grammy';
import type { Logger } from '../../engine/ports.js';
import type { UpdateHandler } from './handle-update.js';

/**
 * The updates the bot acts on. Edited messages are left out on purpose: an edit must not record
 * twice, and Telegram need not send what would only be dropped.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * Long polling for a machine without public HTTPS: grammY fetches the updates, the same handler
 * as the webhook takes each. Resolves when polling stops.
 */
export async function runPolling(bot: Bot, handle: UpdateHandler, logger: Logger): Promise<void> {
  bot.use(async (ctx) => {
    await handle(ctx.update);
  });
  bot.catch((err) => {
    logger.error('telegram update failed', { updateId: err.ctx.update.update_id, error: err.error instanceof Error ? err.error.message : String(err.error) });
  });
  await bot.start({
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: false,
    onStart: (me) => logger.info('telegram long polling started', { bot: me.username }),
  });
}
