import { Api, Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Hono } from 'hono';
import { AppError } from '../../../domain/errors.js';
import type { ChartSpec } from '../../../domain/types.js';
import type { Dispatcher } from '../../engine/outbox/dispatcher.js';
import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, Logger, PlatformSender } from '../../engine/ports.js';
import { toPlatformError } from './errors.js';
import { runPolling } from './polling.js';
import { createTelegramSender } from './sender.js';
import { createUpdateHandler, type UpdateHandler } from './handle-update.js';
import { registerTelegramWebhook } from './webhook.js';

export { migrated } from '../../engine/migrated.js';

/** The part of getMe the bot needs: who it is, to tell "/cmd@this_bot" from "/cmd@other_bot". */
export interface TelegramBotInfo {
  id: number;
  username: string;
}

export interface TelegramAdapterDeps {
  token: string;
  apiRoot: string;
  botInfo: TelegramBotInfo;
  /** Replaces grammY's HTTP client; tests fake the Bot API with it. */
  fetch?: typeof fetch;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  defer: (task: Promise<unknown>) => void;
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
}

export interface TelegramAdapter {
  readonly username: string;
  readonly sender: PlatformSender;
  readonly handle: UpdateHandler;
  /** Serves POST /webhook/telegram, answering only requests that carry `secret`. */
  registerWebhook(app: Hono, secret: string): void;
  /** Long polling until `stop`; for machines without public HTTPS. */
  startPolling(): Promise<void>;
  stop(): Promise<void>;
}

export function createTelegramAdapter(deps: TelegramAdapterDeps): TelegramAdapter {
  // grammY reads botInfo only for its own filters; the bot never asks getMe at a cold start.
  const botInfo = { is_bot: true, first_name: deps.botInfo.username, ...deps.botInfo } as unknown as UserFromGetMe;
  const bot = new Bot(deps.token, { botInfo, client: { apiRoot: deps.apiRoot, ...(deps.fetch ? { fetch: deps.fetch } : {}) } });
  const sender = createTelegramSender({ api: bot.api, logger: deps.logger, ...(deps.renderChart ? { renderChart: deps.renderChart } : {}) });
  const handle = createUpdateHandler({
    api: bot.api,
    me: deps.botInfo,
    pipeline: deps.pipeline,
    dispatcher: deps.dispatcher,
    clock: deps.clock,
    logger: deps.logger,
    defer: deps.defer,
  });
  let polling: Promise<void> | null = null;
  return {
    username: deps.botInfo.username,
    sender,
    handle,
    registerWebhook(app, secret) {
      registerTelegramWebhook(app, { secret, handle, logger: deps.logger });
    },
    startPolling() {
      polling ??= runPolling(bot, handle, deps.logger);
      return polling;
    },
    async stop() {
      if (polling) await bot.stop();
    },
  };
}

/** Telegram's private chat with a person has the person's user id; groups have negative ids. */
export function telegramPrivateUser(chatId: string): string | null {
  return /^\d+$/u.test(chatId) ? chatId : null;
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
