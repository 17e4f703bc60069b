import { definePlatform } from '../adapter.js';
import { localMsg } from './messages.js';

const PRIVATE_PREFIX = 'private-';

/**
 * The local console and terminal chat: the same pipeline and outbox with no account needed. Always
 * on; its page is served in local mode or with DEV_CONSOLE=1. Private chats are "private-<user>"
 * and exist once the person has opened one, as on a platform that cannot start a chat itself.
 */
export const localPlatform = definePlatform<'local'>({
  name: 'local',
  label: localMsg.platformLabel,
  aliases: ['本地'],
  console: true,
  runsOnWorkers: true,
  configured: () => true,
  privateChatId: (userId) => `${PRIVATE_PREFIX}${userId}`,
  privateUserOf: (chatId) => (chatId.startsWith(PRIVATE_PREFIX) ? chatId.slice(PRIVATE_PREFIX.length) : null),
  privateChatNeedsStart: true,
  async create(services) {
    const { createLocalAdapter } = await import('./adapter.js');
    return createLocalAdapter(services);
  },
});
