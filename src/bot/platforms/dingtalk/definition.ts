import { AppError } from '../../../domain/errors.js';
import { definePlatform } from '../adapter.js';
import type { DingTalkHooks } from './index.js';
import { dingtalkMsg } from './messages.js';
import { isGroupChat } from './ids.js';

/**
 * DingTalk (an enterprise internal app's robot). A person is written to by staff id through
 * oToMessages/batchSend, within the app's visible range, without a chat started first; groups are
 * addressed by openConversationId, which starts with "cid".
 */
export const dingtalkPlatform = definePlatform<'dingtalk', DingTalkHooks>({
  name: 'dingtalk',
  label: dingtalkMsg.platformLabel,
  aliases: ['DingTalk', '乡村钉钉'],
  // Webhook mode only there; stream mode is refused on Workers by the config.
  runsOnWorkers: true,
  configured: (config) => Boolean(config.DINGTALK_CLIENT_ID && config.DINGTALK_CLIENT_SECRET),
  privateChatId: (userId) => userId,
  privateUserOf: (chatId) => (isGroupChat(chatId) ? null : chatId),
  privateChatNeedsStart: false,
  async create(services, hooks = {}) {
    const { config } = services;
    if (!config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) throw new AppError('config', 'DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET go together');
    const { createDingTalkAdapter } = await import('./index.js');
    return createDingTalkAdapter({
      settings: {
        clientId: config.DINGTALK_CLIENT_ID,
        clientSecret: config.DINGTALK_CLIENT_SECRET,
        robotCode: config.DINGTALK_ROBOT_CODE ?? config.DINGTALK_CLIENT_ID,
        apiRoot: config.DINGTALK_API_ROOT,
        mode: config.DINGTALK_MODE,
      },
      services,
      ...hooks,
    });
  },
});
