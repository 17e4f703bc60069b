import type { OutTarget, Platform } from '../../../domain/types.js';

/**
 * Where a private message to a platform user goes. Telegram's private chat id is the user id and
 * Feishu sends to an open_id directly; the local console keeps private chats as "private-<user>".
 */
export function privateTarget(platform: Platform, userId: string): OutTarget {
  return { platform, chatId: platform === 'local' ? `private-${userId}` : userId, threadId: null };
}
