import * as lark from '@larksuiteoapi/node-sdk';
import type { Hono } from 'hono';
import type { PlatformAdapter, PlatformServices } from '../adapter.js';
import { createLarkClient, larkDomain, sdkLogger, type LarkClient } from './client.js';
import { createLarkDirectory } from './directory.js';
import { createLarkEventDispatcher, parseLarkEvent } from './events.js';
import { createLarkLookups } from './lookups.js';
import { createPacer, type Pacer } from './pacer.js';
import { LARK_PACING } from './pacing.js';
import { createLarkSender } from './sender.js';
import { registerLarkWebhook } from './webhook.js';

export interface LarkSettings {
  appId: string;
  appSecret: string;
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  domain: string;
  /** Serve POST /webhook/lark; false in long-connection mode. */
  webhook: boolean;
}

/** Seams for tests: Feishu's HTTP client and the per-chat pacing. */
export interface LarkHooks {
  httpInstance?: lark.HttpInstance;
  pacer?: Pacer;
}

export interface LarkAdapterDeps extends LarkHooks {
  settings: LarkSettings;
  services: PlatformServices;
}

export interface LarkAdapter extends PlatformAdapter {
  client: LarkClient;
  dispatcher: lark.EventDispatcher;
}

export function createLarkAdapter(deps: LarkAdapterDeps): LarkAdapter {
  const { settings, services } = deps;
  const { logger } = services;
  const client = createLarkClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: settings.domain,
    logger,
    ...(deps.httpInstance ? { httpInstance: deps.httpInstance } : {}),
  });
  const lookups = createLarkLookups({ store: services.store, lark: client, logger });
  const dispatcher = createLarkEventDispatcher({
    appId: settings.appId,
    pipeline: services.pipeline,
    lookups,
    clock: services.clock,
    logger,
    // Feishu wants its answer within 3 s; replies go out after it.
    afterCommit: () => services.defer(services.dispatcher.drain('lark')),
  });
  const sender = createLarkSender({ lark: client, pacer: deps.pacer ?? createPacer(), logger });
  let connection: lark.WSClient | null = null;
  return {
    name: 'lark',
    // Feishu mentions carry the bot's open_id, resolved when the event is parsed; no name needed.
    botUsername: null,
    sender: { ...sender, pacing: LARK_PACING },
    capabilities: { buttons: true, editInPlace: true, files: true, images: false, cards: true, privateMessages: true },
    directory: createLarkDirectory({ lark: client, logger }),
    client,
    dispatcher,
    ...(settings.webhook
      ? {
          registerRoutes(app: Hono) {
            registerLarkWebhook(app, {
              security: { appId: settings.appId, encryptKey: settings.encryptKey, verificationToken: settings.verificationToken },
              dispatcher,
              clock: services.clock,
              logger,
            });
          },
        }
      : {
          /** Opens the long connection (LARK_MODE=ws); the same dispatcher handles its events. */
          async start() {
            connection = new lark.WSClient({
              appId: settings.appId,
              appSecret: settings.appSecret,
              domain: larkDomain(settings.domain),
              logger: sdkLogger(logger),
              loggerLevel: lark.LoggerLevel.info,
              ...(deps.httpInstance ? { httpInstance: deps.httpInstance } : {}),
            });
            await connection.start({ eventDispatcher: dispatcher });
          },
        }),
    parse: (payload, now) => parseLarkEvent(payload, lookups, now),
    async stop() {
      connection?.close();
      connection = null;
    },
  };
}
