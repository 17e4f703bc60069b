import * as lark from '@larksuiteoapi/node-sdk';
import type { Hono } from 'hono';
import type { Store } from '../../../db/store.js';
import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, Logger, PlatformSender } from '../../engine/ports.js';
import { createLarkClient, larkDomain, sdkLogger, type LarkClient } from './client.js';
import { createLarkEventDispatcher } from './events.js';
import { createLarkLookups } from './lookups.js';
import { createPacer, type Pacer } from './pacer.js';
import { createLarkSender } from './sender.js';
import { registerLarkWebhook } from './webhook.js';

export interface LarkSettings {
  appId: string;
  appSecret: string;
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  domain: string;
}

export interface LarkAdapterDeps {
  settings: LarkSettings;
  store: Store;
  pipeline: Pipeline;
  clock: Clock;
  logger: Logger;
  /** Starts sending committed replies; must not be awaited by the caller (Feishu waits 3 s). */
  afterCommit: () => void;
  httpInstance?: lark.HttpInstance;
  pacer?: Pacer;
}

/** Seams for tests: Feishu's HTTP client and the per-chat pacing. */
export interface LarkHooks {
  httpInstance?: lark.HttpInstance;
  pacer?: Pacer;
}

export { larkPrivateUser } from './private-user.js';

export interface LarkAdapter {
  sender: PlatformSender;
  client: LarkClient;
  dispatcher: lark.EventDispatcher;
  registerWebhook(app: Hono): void;
  /** Opens the long connection (LARK_MODE=ws); the same dispatcher handles its events. */
  startLongConnection(): Promise<{ close(): void }>;
}

export function createLarkAdapter(deps: LarkAdapterDeps): LarkAdapter {
  const { settings, logger } = deps;
  const client = createLarkClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: settings.domain,
    logger,
    ...(deps.httpInstance ? { httpInstance: deps.httpInstance } : {}),
  });
  const lookups = createLarkLookups({ store: deps.store, lark: client, logger });
  const dispatcher = createLarkEventDispatcher({
    appId: settings.appId,
    pipeline: deps.pipeline,
    lookups,
    clock: deps.clock,
    logger,
    afterCommit: deps.afterCommit,
  });
  const sender = createLarkSender({ lark: client, pacer: deps.pacer ?? createPacer(), logger });
  return {
    sender,
    client,
    dispatcher,
    registerWebhook(app) {
      registerLarkWebhook(app, {
        security: { appId: settings.appId, encryptKey: settings.encryptKey, verificationToken: settings.verificationToken },
        dispatcher,
        clock: deps.clock,
        logger,
      });
    },
    async startLongConnection() {
      const ws = new lark.WSClient({
        appId: settings.appId,
        appSecret: settings.appSecret,
        domain: larkDomain(settings.domain),
        logger: sdkLogger(logger),
        loggerLevel: lark.LoggerLevel.info,
        ...(deps.httpInstance ? { httpInstance: deps.httpInstance } : {}),
      });
      await ws.start({ eventDispatcher: dispatcher });
      return { close: () => ws.close() };
    },
  };
}
