import type { Hono } from 'hono';
import type { PlatformAdapter, PlatformServices } from '../adapter.js';
import { answeredCard, createCardMemory } from './card-memory.js';
import { openWecomConnection, type PushAnswer, type WecomConnection } from './connection.js';
import { clickedTaskId, parseWecomPush, type WecomPush } from './parse.js';
import { createReplyUrls, createReplyUrlSender } from './reply-url.js';
import { createWecomSender } from './sender.js';
import { registerWecomWebhook } from './webhook.js';

export interface WecomSettings {
  mode: 'ws' | 'webhook';
  botId?: string | undefined;
  secret?: string | undefined;
  wsUrl: string;
  token?: string | undefined;
  encodingAesKey?: string | undefined;
  apiRoot: string;
}

/** Seams for tests: the HTTP client the response_url sender uses. */
export interface WecomHooks {
  fetch?: typeof fetch;
}

export interface WecomAdapterDeps extends WecomHooks {
  settings: WecomSettings;
  services: PlatformServices;
}

export function createWecomAdapter(deps: WecomAdapterDeps): PlatformAdapter {
  const { settings, services } = deps;
  const { logger, clock } = services;
  const replyUrls = createReplyUrls(() => clock().getTime());
  let connection: WecomConnection | null = null;

  /** Both receive modes end here: one push, one decision, then the replies are sent. */
  async function onPush(push: WecomPush, answer?: PushAnswer): Promise<void> {
    const parsed = parseWecomPush(push, clock().getTime());
    if (parsed.kind === 'ignored') return;
    if (settings.mode === 'webhook' && parsed.responseUrl) replyUrls.remember(parsed.event.chat.chatId, parsed.responseUrl);
    const result = await services.pipeline.handle(parsed.event);
    if (!result.duplicate && result.keys.length > 0) services.defer(services.dispatcher.drain('wecom'));
    if (answer && result.toast) await updateClickedCard(push, result.toast, answer);
  }

  /** After a click, the card says what the click did, for everyone in the chat. */
  async function updateClickedCard(push: WecomPush, outcome: string, answer: PushAnswer): Promise<void> {
    const taskId = clickedTaskId(push);
    const card = taskId ? cards.recall(taskId) : undefined;
    if (!taskId || !card) return;
    try {
      await answer.updateCard(answeredCard(taskId, card, outcome));
    } catch (err) {
      // The reply already went out; a card left as it was is only cosmetic.
      logger.warn('wecom card not updated', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  const ws = settings.mode === 'ws';
  const cards = createCardMemory();
  const sender = ws
    ? createWecomSender({ link: () => connection?.link ?? null, logger, cards, ...(services.renderChart ? { renderChart: services.renderChart } : {}) })
    : // Wrapped: Workers refuse a global fetch called as a method of another object ("Illegal invocation").
      createReplyUrlSender({ urls: replyUrls, apiRoot: settings.apiRoot, fetch: deps.fetch ?? ((input, init) => fetch(input, init)) });

  return {
    name: 'wecom',
    botUsername: null,
    sender,
    capabilities: ws
      ? { buttons: true, editInPlace: false, files: true, images: true, cards: false, privateMessages: true }
      : { buttons: false, editInPlace: false, files: false, images: false, cards: false, privateMessages: false },
    ...(ws
      ? {
          /** Opens the long connection (WECOM_MODE=ws); it reconnects by itself until stopped. */
          async start() {
            connection = await openWecomConnection({ botId: settings.botId ?? '', secret: settings.secret ?? '', wsUrl: settings.wsUrl, logger, onPush });
          },
        }
      : {
          registerRoutes(app: Hono) {
            registerWecomWebhook(app, {
              security: { token: settings.token ?? '', encodingAesKey: settings.encodingAesKey ?? '', receiveId: '' },
              clock,
              logger,
              onPush,
            });
          },
        }),
    async parse(payload, now) {
      const parsed = parseWecomPush(payload as WecomPush, now.getTime());
      return parsed.kind === 'event' ? parsed.event : null;
    },
    async stop() {
      connection?.stop();
      connection = null;
    },
  };
}
