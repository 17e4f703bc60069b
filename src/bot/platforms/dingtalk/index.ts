import type { Hono } from 'hono';
import type { PlatformAdapter, PlatformServices } from '../adapter.js';
import { createDingTalkApi, type DingTalkApi } from './api.js';
import { createRobotHandler, type RobotHandler } from './handle.js';
import { DINGTALK_PACING } from './pacing.js';
import { robotMessageEvent, type RobotMessage } from './parse.js';
import { createDingTalkSender } from './sender.js';
import { registerDingTalkWebhook } from './webhook.js';

export interface DingTalkSettings {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  apiRoot: string;
  /** stream: an outbound connection opened by `start` (Node); webhook: POST /webhook/dingtalk. */
  mode: 'stream' | 'webhook';
}

/** Seams for tests: the HTTP client, and the host of media uploads. */
export interface DingTalkHooks {
  fetch?: typeof fetch;
  oapiRoot?: string;
}

export interface DingTalkAdapterDeps extends DingTalkHooks {
  settings: DingTalkSettings;
  services: PlatformServices;
}

export interface DingTalkAdapter extends PlatformAdapter {
  api: DingTalkApi;
  /** What the webhook and the stream both call for a robot message. */
  handle: RobotHandler;
}

export function createDingTalkAdapter(deps: DingTalkAdapterDeps): DingTalkAdapter {
  const { settings, services } = deps;
  const { logger } = services;
  const api = createDingTalkApi({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    apiRoot: settings.apiRoot,
    logger,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.oapiRoot ? { oapiRoot: deps.oapiRoot } : {}),
  });
  const handle = createRobotHandler({
    pipeline: services.pipeline,
    robotCode: settings.robotCode,
    clock: services.clock,
    logger,
    afterCommit: () => services.defer(services.dispatcher.drain('dingtalk')),
  });
  const sender = createDingTalkSender({ api, robotCode: settings.robotCode, ...(services.renderChart ? { renderChart: services.renderChart } : {}) });
  let stream: { close(): void } | null = null;
  return {
    name: 'dingtalk',
    // The robot's own @ is taken out of the text by DingTalk before it is delivered.
    botUsername: null,
    sender: { ...sender, pacing: DINGTALK_PACING },
    // Robot messages cannot be edited, and buttons come back as the person's own message.
    capabilities: { buttons: true, editInPlace: false, files: true, images: Boolean(services.renderChart), cards: false, privateMessages: true },
    api,
    handle,
    parse: async (payload, now) => (payload && typeof payload === 'object' ? robotMessageEvent(payload as RobotMessage, now) : null),
    ...(settings.mode === 'webhook'
      ? {
          registerRoutes(app: Hono) {
            registerDingTalkWebhook(app, { appSecret: settings.clientSecret, handle, clock: services.clock, logger });
          },
        }
      : {
          /** Opens the stream (DINGTALK_MODE=stream): no public URL needed. */
          async start() {
            // The SDK (ws, axios) is loaded only here, in stream mode on Node.
            const { startStream } = await import('./stream.js');
            stream = await startStream({ clientId: settings.clientId, clientSecret: settings.clientSecret, apiRoot: settings.apiRoot, handle, logger });
          },
          async stop() {
            stream?.close();
            stream = null;
          },
        }),
  };
}
