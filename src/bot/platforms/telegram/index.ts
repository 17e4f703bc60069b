import { Api, Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Hono } from 'hono';
import { AppError } from '../../../domain/errors.js';
import type { PlatformAdapter, PlatformServices } from '../adapter.js';
import { toPlatformError } from './errors.js';
import { runPolling } from './polling.js';
import { createTelegramSender } from './sender.js';
import { createUpdateHandler, type UpdateHandler } from './handle-update.js';
import { TELEGRAM_PACING } from './pacing.js';
import { parseUpdate } from './parse.js';
import { registerTelegramWebhook } from './webhook.js';

/** The part of getMe the bot needs: who it is, to tell "/cmd@this_bot" from "/cmd@other_bot". */
export interface TelegramBotInfo {
  id: number;
  username: string;
}

export interface TelegramAdapterDeps {
  token: string;
  apiRoot: string;
  botInfo: TelegramBotInfo;
  /** Serves POST /webhook/telegram answering only requests that carry it; none in polling mode. */
  webhookSecret: string | undefined;
  services: PlatformServices;
  /** Replaces grammY's HTTP client; tests fake the Bot API with it. */
  fetch?: typeof fetch;
}

export interface TelegramAdapter extends PlatformAdapter {
  readonly handle: UpdateHandler;
}

export function createTelegramAdapter(deps: TelegramAdapterDeps): TelegramAdapter {
  const { services } = deps;
  // grammY reads botInfo only for its own filters; the bot never asks getMe at a cold start.
  const botInfo = { is_bot: true, first_name: deps.botInfo.username, ...deps.botInfo } as unknown as UserFromGetMe;
  const bot = new Bot(deps.token, { botInfo, client: { apiRoot: deps.apiRoot, ...(deps.fetch ? { fetch: deps.fetch } : {}) } });
  const sender = createTelegramSender({ api: bot.api, logger: services.logger, ...(services.renderChart ? { renderChart: services.renderChart } : {}) });
  const handle = createUpdateHandler({
    api: bot.api,
    me: deps.botInfo,
    pipeline: services.pipeline,
    dispatcher: services.dispatcher,
    clock: services.clock,
    logger: services.logger,
    defer: services.defer,
  });
  let polling: Promise<void> | null = null;
  const { webhookSecret } = deps;
  return {
    name: 'telegram',
    botUsername: deps.botInfo.username,
    sender: { ...sender, pacing: TELEGRAM_PACING },
    capabilities: { buttons: true, editInPlace: true, files: true, images: true, cards: false, privateMessages: true },
    handle,
    ...(webhookSecret
      ? {
          registerRoutes(app: Hono) {
            registerTelegramWebhook(app, { secret: webhookSecret, handle, logger: services.logger });
          },
        }
      : {
          /** Long polling until `stop`; for machines without public HTTPS. */
          start() {
            polling ??= runPolling(bot, handle, services.logger);
            return polling;
          },
        }),
    async parse(update, now) {
      const parsed = parseUpdate(update, deps.botInfo, now);
      return parsed.kind === 'event' ? parsed.event : null;
    },
    async stop() {
      if (polling) await bot.stop();
    },
  };
}

/**
 * getMe, once, when TELEGRAM_BOT_INFO is not given. A wrong token stops start-up with a sentence
 * naming what to check (never the token itself).
 */
export async function fetchBotInfo(token: string, apiRoot: string, fetchFn?: typeof fetch): Promise<TelegramBotInfo> {
  const api = new Api(token, { apiRoot, ...(fetchFn ? { fetch: fetchFn } : {}) });
  try {
    const me = await api.getMe();
    if (!me.username) throw new Error('getMe returned no username');
    return { ...me, username: me.username };
  } catch (err) {
    const why = err instanceof Error ? toPlatformError(err).message : String(err);
    throw new AppError('config', `Telegram getMe failed (${why}): check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT, or set TELEGRAM_BOT_INFO`);
  }
}
