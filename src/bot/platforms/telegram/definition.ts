import { AppError } from '../../../domain/errors.js';
import { definePlatform } from '../adapter.js';
import type { TelegramBotInfo } from './index.js';

/** Seams for tests and entry points: a fake Bot API, and getMe fetched already. */
export interface TelegramOptions {
  /** Replaces grammY's HTTP client; tests fake the Bot API with it. */
  fetch?: typeof fetch;
  /** getMe's answer when the caller has it; else TELEGRAM_BOT_INFO, else getMe at start (Node only). */
  botInfo?: TelegramBotInfo;
}

/** Telegram: a private chat's id is the person's user id; groups have negative ids. */
export const telegramPlatform = definePlatform<'telegram', TelegramOptions>({
  name: 'telegram',
  label: 'Telegram',
  aliases: ['电报'],
  runsOnWorkers: true,
  configured: (config) => Boolean(config.TELEGRAM_BOT_TOKEN),
  privateChatId: (userId) => userId,
  privateUserOf: (chatId) => (/^\d+$/u.test(chatId) ? chatId : null),
  // A bot cannot open a private chat: the person must have started one.
  privateChatNeedsStart: true,
  async create(services, options = {}) {
    const { config } = services;
    const token = config.TELEGRAM_BOT_TOKEN;
    if (!token) throw new AppError('config', 'TELEGRAM_BOT_TOKEN is not set');
    const adapter = await import('./index.js');
    let botInfo = options.botInfo ?? config.TELEGRAM_BOT_INFO;
    // A Worker builds the bot per request; asking getMe every time would double each webhook's calls.
    if (!botInfo && services.runtime === 'workers') {
      throw new AppError('config', 'TELEGRAM_BOT_INFO is required on Workers (the JSON that getMe returns)');
    }
    botInfo ??= await adapter.fetchBotInfo(token, config.TELEGRAM_API_ROOT, options.fetch);
    return adapter.createTelegramAdapter({
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      botInfo,
      // Without the secret no request could be told from Telegram's, so no webhook is served.
      webhookSecret: config.TELEGRAM_MODE === 'webhook' ? config.TELEGRAM_WEBHOOK_SECRET : undefined,
      services,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  },
});
