import type { Hono } from 'hono';
import type { Config } from '../config.js';
import type { Store } from '../db/store.js';
import type { Platform } from '../domain/types.js';
import { coreRoutes } from './handlers/index.js';
import { createBaseApp } from './http/app.js';
import { localSender, registerLocalRoutes } from './local/adapter.js';
import { createDispatcher, type Dispatcher } from './outbox/dispatcher.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { jsonLogger, type Clock, type Logger, type PlatformSender } from './ports.js';
import { mergeRoutes } from './router.js';

export interface BotDeps {
  config: Config;
  store: Store;
  clock?: Clock;
  logger?: Logger;
  newId?: () => string;
  /** Jitter for retries; tests pass a constant. */
  random?: () => number;
}

export interface Bot {
  app: Hono;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  senders: Partial<Record<Platform, PlatformSender>>;
  config: Config;
  store: Store;
  clock: Clock;
}

/** The composition root shared by Node, Workers, the REPL and tests: everything is passed in. */
export function createBot(deps: BotDeps): Bot {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? jsonLogger();
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const { config, store } = deps;
  const routes = mergeRoutes(coreRoutes);
  const senders: Partial<Record<Platform, PlatformSender>> = { local: localSender };
  const pipeline = createPipeline({ store, clock, logger, routes, timeZone: config.BOT_TIMEZONE, admins: config.ADMINS, newId });
  const dispatcher = createDispatcher({ store, senders, clock, logger, ...(deps.random ? { random: deps.random } : {}) });
  const app = createBaseApp({ store, logger, mode: { localMode: config.localMode, platforms: Object.keys(senders).filter((p) => p !== 'local') } });
  if (config.devConsole) registerLocalRoutes(app, { store, pipeline, dispatcher, clock, newId });
  return { app, pipeline, dispatcher, senders, config, store, clock };
}
