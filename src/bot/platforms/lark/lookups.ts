import { getChat } from '../../../db/repo/chats.js';
import { getIdentity } from '../../../db/repo/people.js';
import type { Store } from '../../../db/store.js';
import { larkMsg } from './messages.js';
import type { Logger } from '../../engine/ports.js';
import type { LarkClient } from './client.js';
import type { LarkLookups } from './parse.js';

/** After a failed look-up of the bot's own id, wait this long before asking Feishu again. */
const BOT_INFO_RETRY_MS = 60_000;
/** The look-up happens while Feishu waits for our answer (3 s), so it may take only part of that. */
const BOT_INFO_TIMEOUT_MS = 1_500;

export function createLarkLookups(deps: { store: Store; lark: LarkClient; logger: Logger; now?: () => number }): LarkLookups {
  const now = deps.now ?? (() => Date.now());
  let botOpenId: string | null = null;
  let pending: Promise<string | null> | null = null;
  let failedAt = -Infinity;

  async function fetchBotOpenId(): Promise<string | null> {
    try {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), BOT_INFO_TIMEOUT_MS);
      });
      const request = deps.lark.client.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
      const answer = (await Promise.race([request, timeout]).finally(() => clearTimeout(timer))) as { code?: number; bot?: { open_id?: string } };
      if (answer?.code === 0 && answer.bot?.open_id) return answer.bot.open_id;
      deps.logger.warn('lark bot info has no open_id', { code: answer?.code });
    } catch (err) {
      // Until it is known, a mention Feishu marks as a bot is taken to be this one.
      deps.logger.warn('lark bot info failed', { status: (err as { response?: { status?: number } }).response?.status ?? null });
    }
    failedAt = now();
    return null;
  }

  return {
    async displayName(openId, hint) {
      const known = await getIdentity(deps.store.db, 'lark', openId);
      return known?.displayName ?? (hint?.trim() || larkMsg.unnamedUser(openId));
    },
    async chatType(chatId) {
      const chat = await getChat(deps.store.db, 'lark', chatId);
      return chat ? chat.type : null;
    },
    /** Asked once per process (the id never changes); concurrent first messages share the request. */
    async botOpenId() {
      if (botOpenId) return botOpenId;
      if (now() - failedAt < BOT_INFO_RETRY_MS) return null;
      pending ??= fetchBotOpenId().finally(() => {
        pending = null;
      });
      botOpenId = await pending;
      return botOpenId;
    },
  };
}
