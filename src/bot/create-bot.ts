import type { Hono } from 'hono';
import type { Config } from '../config.js';
import type { Store } from '../db/store.js';
import { migrateChat } from '../db/repo/chat-migration.js';
import { unreachableStatements } from '../db/repo/reachability.js';
import { AppError } from '../domain/errors.js';
import type { ChartSpec, Platform } from '../domain/types.js';
import { coreRoutes } from './features/core/index.js';
import { createBaseApp } from './engine/http/app.js';
import { identityRoutes } from './features/identity/index.js';
import type { LarkAdapter, LarkHooks } from './platforms/lark/index.js';
import type { LarkAdapterFactory } from './platforms/lark/load.js';
import { larkPrivateUser } from './platforms/lark/private-user.js';
import { localSender, registerLocalRoutes } from './platforms/local/adapter.js';
import { meetingRoutes } from './features/meetings/index.js';
import { LARK_PACING, TELEGRAM_PACING, type Pacing } from './engine/outbox/pacing.js';
import { createScheduler, officialCalendar, type TickResult } from './engine/scheduler/index.js';
import type { WorkCalendar } from '../domain/meetings/index.js';
import { createDispatcher, type Dispatcher, type DispatcherDeps } from './engine/outbox/dispatcher.js';
import { createPipeline, type Pipeline } from './engine/pipeline.js';
import { jsonLogger, type Clock, type Logger, type PlatformSender } from './engine/ports.js';
import { mergeRoutes } from './engine/router.js';
import { createStations } from './features/stations/index.js';
import { suggestionRoutes } from './features/suggestions/routes.js';
import { spreadsheetRoutes } from './features/spreadsheets/routes.js';
import type { WorkbookWriter } from './features/spreadsheets/export.js';
import { createTelegramAdapter, migrated, telegramPrivateUser, type TelegramAdapter, type TelegramBotInfo } from './platforms/telegram/index.js';

export interface BotDeps {
  config: Config;
  store: Store;
  clock?: Clock;
  logger?: Logger;
  newId?: () => string;
  /** Jitter for retries; tests pass a constant. */
  random?: () => number;
  /**
   * Work a webhook starts but need not wait for (sending, answering a button press). Node lets it
   * run on; Workers pass `executionCtx.waitUntil`; tests collect and await it.
   */
  defer?: (task: Promise<unknown>) => void;
  /** Telegram's getMe result when fetched at start (else TELEGRAM_BOT_INFO), and a fetch for tests. */
  telegram?: { botInfo?: TelegramBotInfo; fetch?: typeof fetch };
  /** Draws a chart as PNG for platforms that cannot draw one themselves. */
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
  /** Feishu's HTTP client and pacing, for tests. */
  lark?: LarkHooks;
  /**
   * Builds the Feishu adapter; required when Feishu is configured. Entries load it with
   * `loadLarkAdapter(config)` so the Feishu SDK is imported only where it is used.
   */
  larkAdapter?: LarkAdapterFactory;
  /** Writes XLSX workbooks for 「导出」 (Node only); without it the command says how to export instead. */
  writeWorkbook?: WorkbookWriter;
  /** Working days for digests and nudges; defaults to the official calendar (chinese-days). */
  calendar?: WorkCalendar;
  /**
   * Time source and sleep for the dispatcher's rate limits. Without it they run in real time, so a
   * test of a thousand replies to one group would take Telegram's real 20-a-minute pace.
   */
  pacing?: DispatcherDeps['pacing'];
  /** Most outbox rows one drain takes (see DispatcherDeps.batchSize); Workers pass fewer. */
  outboxBatch?: number;
}

export interface Bot {
  app: Hono;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  senders: Partial<Record<Platform, PlatformSender>>;
  config: Config;
  store: Store;
  clock: Clock;
  telegram?: TelegramAdapter;
  lark?: LarkAdapter;
  /**
   * All due scheduled work (reminders, sign-in windows, digests, nudges), then a drain. Node calls
   * it every minute, `npm run tick` once, the Workers cron trigger on its schedule.
   */
  tick(now: Date): Promise<TickResult>;
}

/** The sender with the platform's rate limits attached, unless it declares its own. */
function paced(sender: PlatformSender, pacing: Pacing): PlatformSender {
  return sender.pacing ? sender : { ...sender, pacing };
}

/** The composition root shared by Node, Workers, the REPL and tests: everything is passed in. */
export function createBot(deps: BotDeps): Bot {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? jsonLogger();
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const { config, store } = deps;
  const stations = createStations({ config, store, clock });
  const routes = mergeRoutes(coreRoutes, identityRoutes(), { migrated }, stations.routes, suggestionRoutes(), spreadsheetRoutes(deps.writeWorkbook), meetingRoutes);
  const senders: Partial<Record<Platform, PlatformSender>> = { local: localSender };
  const defer = deps.defer ?? ((task: Promise<unknown>) => void task.catch((err: unknown) => logger.error('background task failed', { error: String(err) })));
  const usernames: Partial<Record<Platform, string>> = {};
  const botUsername = (p: Platform) => usernames[p] ?? null;
  const pipeline = createPipeline({ store, clock, logger, routes, timeZone: config.BOT_TIMEZONE, admins: config.ADMINS, newId, botUsername });
  const dispatcher = createDispatcher({
    store,
    senders,
    clock,
    logger,
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.pacing ? { pacing: deps.pacing } : {}),
    ...(deps.outboxBatch ? { batchSize: deps.outboxBatch } : {}),
    onMigrated: (platform, from, to) => migrateChat(store, platform, from, to, clock().getTime()),
    onUnreachable: (platform, chatId) =>
      store.commit(unreachableStatements(store.db, platform, chatId, platform === 'telegram' ? telegramPrivateUser(chatId) : platform === 'lark' ? larkPrivateUser(chatId) : null, clock().getTime())),
  });
  let telegram: TelegramAdapter | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    const botInfo = deps.telegram?.botInfo ?? config.TELEGRAM_BOT_INFO;
    if (!botInfo) throw new AppError('config', 'TELEGRAM_BOT_INFO is required (the getMe JSON), or fetch it at start and pass telegram.botInfo');
    telegram = createTelegramAdapter({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      botInfo,
      pipeline,
      dispatcher,
      clock,
      logger,
      defer,
      ...(deps.telegram?.fetch ? { fetch: deps.telegram.fetch } : {}),
      ...(deps.renderChart ? { renderChart: deps.renderChart } : {}),
    });
    senders.telegram = paced(telegram.sender, TELEGRAM_PACING);
    usernames.telegram = telegram.username;
  }
  let lark: LarkAdapter | undefined;
  if (config.LARK_APP_ID && config.LARK_APP_SECRET) {
    if (!deps.larkAdapter) throw new AppError('config', 'Feishu is configured (LARK_APP_ID) but the Feishu adapter was not loaded; pass larkAdapter from loadLarkAdapter(config)');
    lark = deps.larkAdapter({
      settings: {
        appId: config.LARK_APP_ID,
        appSecret: config.LARK_APP_SECRET,
        encryptKey: config.LARK_ENCRYPT_KEY,
        verificationToken: config.LARK_VERIFICATION_TOKEN,
        domain: config.LARK_DOMAIN,
      },
      store,
      pipeline,
      clock,
      logger,
      // Feishu wants its answer within 3 s; replies go out after it.
      afterCommit: () => defer(dispatcher.drain('lark')),
      ...deps.lark,
    });
    senders.lark = paced(lark.sender, LARK_PACING);
  }
  const app = createBaseApp({ store, logger, mode: { localMode: config.localMode, platforms: Object.keys(senders).filter((p) => p !== 'local') } });
  if (config.devConsole) registerLocalRoutes(app, { store, pipeline, dispatcher, clock, newId });
  stations.register(app);
  if (telegram && config.TELEGRAM_MODE === 'webhook' && config.TELEGRAM_WEBHOOK_SECRET) telegram.registerWebhook(app, config.TELEGRAM_WEBHOOK_SECRET);
  // In long-connection mode no webhook is served: without keys it could not be verified.
  if (lark && config.LARK_MODE === 'webhook') lark.registerWebhook(app);
  const scheduler = createScheduler({ store, logger, timeZone: config.BOT_TIMEZONE, calendar: deps.calendar ?? officialCalendar() });
  async function tick(now: Date): Promise<TickResult> {
    const result = await scheduler.tick(now);
    await dispatcher.drain();
    return result;
  }
  return { app, pipeline, dispatcher, senders, config, store, clock, tick, ...(telegram ? { telegram } : {}), ...(lark ? { lark } : {}) };
}
