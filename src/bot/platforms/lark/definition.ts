import { AppError } from '../../../domain/errors.js';
import { definePlatform } from '../adapter.js';
import type { LarkHooks } from './index.js';
import { larkMsg } from './messages.js';

/**
 * Feishu/Lark. A message to a person goes to their open_id, within the app's scope, without a
 * chat started first; group chat ids start with oc_.
 */
export const larkPlatform = definePlatform<'lark', LarkHooks>({
  name: 'lark',
  label: larkMsg.platformLabel,
  aliases: ['feishu', 'Lark'],
  runsOnWorkers: true,
  configured: (config) => Boolean(config.LARK_APP_ID && config.LARK_APP_SECRET),
  privateChatId: (userId) => userId,
  privateUserOf: (chatId) => (chatId.startsWith('ou_') ? chatId : null),
  privateChatNeedsStart: false,
  async create(services, hooks = {}) {
    const { config } = services;
    if (!config.LARK_APP_ID || !config.LARK_APP_SECRET) throw new AppError('config', 'LARK_APP_ID and LARK_APP_SECRET go together');
    // The SDK takes some 100 MB once imported: loaded only here, when Feishu is configured.
    const { createLarkAdapter } = await import('./index.js');
    return createLarkAdapter({
      settings: {
        appId: config.LARK_APP_ID,
        appSecret: config.LARK_APP_SECRET,
        encryptKey: config.LARK_ENCRYPT_KEY,
        verificationToken: config.LARK_VERIFICATION_TOKEN,
        domain: config.LARK_DOMAIN,
        // In long-connection mode no webhook is served: without keys it could not be verified.
        webhook: config.LARK_MODE === 'webhook',
      },
      services,
      ...hooks,
    });
  },
});
