import { AppError } from '../../../domain/errors.js';
import { definePlatform } from '../adapter.js';
import type { WecomHooks } from './index.js';
import { privateChatIdOf, privateUserOf } from './parse.js';

/**
 * WeCom (企业微信) and its government edition (政务微信), as a smart robot (智能机器人): over its
 * long connection on Node (WECOM_MODE=ws) or its URL callback (webhook, Node and Workers).
 * docs/WECOM.md says why this kind of bot and what each mode can do.
 */
export const wecomPlatform = definePlatform<'wecom', WecomHooks>({
  name: 'wecom',
  label: '企业微信',
  aliases: ['WeCom', '政务微信', '企微'],
  runsOnWorkers: true,
  configured: (s) => Boolean((s.WECOM_BOT_ID && s.WECOM_BOT_SECRET) || (s.WECOM_TOKEN && s.WECOM_ENCODING_AES_KEY)),
  privateChatId: privateChatIdOf,
  privateUserOf,
  // The long connection may write to any userid in the robot's visible range.
  privateChatNeedsStart: false,
  async create(services, hooks = {}) {
    const { config, runtime } = services;
    const mode = config.WECOM_MODE ?? (runtime === 'workers' ? 'webhook' : 'ws');
    if (mode === 'ws') {
      if (runtime === 'workers') throw new AppError('config', 'WECOM_MODE=ws needs a long-running process; on Workers set WECOM_MODE=webhook');
      if (!config.WECOM_BOT_ID || !config.WECOM_BOT_SECRET) throw new AppError('config', 'WECOM_MODE=ws needs WECOM_BOT_ID and WECOM_BOT_SECRET');
    } else if (!config.WECOM_TOKEN || !config.WECOM_ENCODING_AES_KEY) {
      throw new AppError('config', 'WECOM_MODE=webhook needs WECOM_TOKEN and WECOM_ENCODING_AES_KEY');
    }
    const { createWecomAdapter } = await import('./index.js');
    return createWecomAdapter({
      settings: {
        mode,
        botId: config.WECOM_BOT_ID,
        secret: config.WECOM_BOT_SECRET,
        wsUrl: config.WECOM_WS_URL,
        token: config.WECOM_TOKEN,
        encodingAesKey: config.WECOM_ENCODING_AES_KEY,
        apiRoot: config.WECOM_API_ROOT,
      },
      services,
      ...hooks,
    });
  },
});
