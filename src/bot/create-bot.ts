import type { Directories } from './features/identity/directory.js';
import type { Hono } from 'hono';
import type { Config, Runtime } from '../config.js';
import type { Store } from '../db/store.js';
import { migrateChat } from '../db/repo/chat-migration.js';
import { unreachableStatements } from '../db/repo/reachability.js';
import { AppError } from '../domain/errors.js';
import type { ChartSpec, Platform } from '../domain/types.js';
import { civilDateOf, missingHolidayYears, type WorkCalendar } from '../domain/meetings/index.js';
import { createBaseApp, holidayWarning } from './engine/http/app.js';
import { chatMigration } from './engine/migrated.js';
import { createDispatcher, type Dispatcher, type DispatcherDeps } from './engine/outbox/dispatcher.js';
import { createPipeline, type Pipeline } from './engine/pipeline.js';
import { jsonLogger, type Clock, type Logger, type PlatformSender } from './engine/ports.js';
import { mergeRoutes } from './engine/router.js';
import { createScheduler, officialCalendar, type TickResult } from './engine/scheduler/index.js';
import { allFeatures } from './features/index.js';
import type { StatsReader } from './features/stations/stats-reader.js';
import { inProcessLedger, type LedgerBuilder, type WorkbookWriter } from './features/spreadsheets/export.js';
import type { NudgePlanner } from './features/core/nudge-plan.js';
import type { PlatformAdapter, PlatformServices } from './platforms/adapter.js';
import { PLATFORMS, platformDefinition, type PlatformOptions } from './platforms/registry.js';
import { createFairness, SENDER_LIMITS, type SenderLimits } from './engine/fairness.js';

export interface BotDeps {
  config: Config;
  store: Store;
  /** Where the bot runs; Workers refuse what needs a long-lived process. Defaults to node. */
  runtime?: Runtime;
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
  /** Seams of each platform, by name (a fake API client, instant pacing, getMe fetched already). */
  platforms?: PlatformOptions;
  /** Draws a chart as PNG for platforms that cannot draw one themselves. */
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
  /** Writes XLSX workbooks for 「导出」 (Node only); without it the command says how to export instead. */
  writeWorkbook?: WorkbookWriter;
  /**
   * Builds 「导出」's workbook away from the event loop (the Node server: a worker thread reading
   * the database file). Without it, writeWorkbook builds it in this thread.
   */
  buildLedger?: LedgerBuilder;
  /**
   * Decides who is due a reminder away from the event loop (the Node server: a worker thread
   * reading the database file). Without it, the minute tick decides in this thread.
   */
  planNudges?: NudgePlanner;
  /**
   * Reads /stats, the dashboard and the stations' reports for large areas away from the event
   * loop (the Node server: a worker thread reading the database file). Without it, in this thread.
   */
  stats?: StatsReader;
  /** Working days for digests and nudges; defaults to the official calendar (chinese-days). */
  calendar?: WorkCalendar;
  /**
   * Time source and sleep for the dispatcher's rate limits. Without it they run in real time, so a
   * test of a thousand replies to one group would take the platforms' real pace.
   */
  pacing?: DispatcherDeps['pacing'];
  /** Most outbox rows one drain takes (see DispatcherDeps.batchSize); Workers pass fewer. */
  outboxBatch?: number;
  /**
   * Per-sender limits on answers (src/bot/engine/fairness.ts). On unless `false`: tests of other
   * behaviour send many commands from one person at one fixed instant.
   */
  senderLimits?: SenderLimits | false;
}

export interface Bot {
  app: Hono;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  /** The configured platforms (the console always among them), in registry order. */
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  senders: Partial<Record<Platform, PlatformSender>>;
  config: Config;
  store: Store;
  clock: Clock;
  /**
   * All due scheduled work (reminders, sign-in windows, digests, nudges), then a drain. Node calls
   * it every minute, `npm run tick` once, the Workers cron trigger on its schedule.
   */
  tick(now: Date): Promise<TickResult>;
}

/**
 * The composition root shared by Node, Workers, the REPL and tests: everything is passed in. Each
 * configured platform of the registry is built here, its SDK loaded only then.
 */
export async function createBot(deps: BotDeps): Promise<Bot> {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? jsonLogger();
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const runtime = deps.runtime ?? 'node';
  const { config, store } = deps;
  const adapters = new Map<Platform, PlatformAdapter>();
  const labels = {
    labelOf: (p: Platform) => platformDefinition(p)?.label ?? p,
    othersOf: (p: Platform) => PLATFORMS.filter((d) => !d.console && d.name !== p && adapters.has(d.name)).map((d) => d.label),
  };
  const features = [...allFeatures({ config, store, clock, labels, buildLedger: deps.buildLedger ?? (deps.writeWorkbook ? inProcessLedger(store.db, deps.writeWorkbook) : undefined), planNudges: deps.planNudges, stats: deps.stats }), chatMigration];
  const routes = mergeRoutes(features);
  const senders: Partial<Record<Platform, PlatformSender>> = {};
  const defer = deps.defer ?? ((task: Promise<unknown>) => void task.catch((err: unknown) => logger.error('background task failed', { error: String(err) })));
  const fairness = deps.senderLimits === false ? undefined : createFairness(deps.senderLimits ?? SENDER_LIMITS);
  // Filled as adapters are built, below; the pipeline reads it per event.
  const directories: Directories = {};
  const pipeline = createPipeline({
    store,
    clock,
    logger,
    routes,
    timeZone: config.BOT_TIMEZONE,
    admins: config.ADMINS,
    newId,
    platformOf: (p) => adapters.get(p),
    directories,
    platformsConfigured: !config.localMode,
    ...(fairness ? { fairness } : {}),
    defer,
    // Declared below; called only once later work is written, long after construction.
    afterLater: () => dispatcher.drain(),
  });
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
      store.commit(unreachableStatements(store.db, platform, chatId, platformDefinition(platform)?.privateUserOf(chatId) ?? null, clock().getTime())),
  });
  const services: PlatformServices = {
    config,
    runtime,
    store,
    pipeline,
    dispatcher,
    clock,
    logger,
    newId,
    defer,
    ...(deps.renderChart ? { renderChart: deps.renderChart } : {}),
  };
  const options = (deps.platforms ?? {}) as Record<string, unknown>;
  for (const definition of PLATFORMS) {
    if (!definition.configured(config)) continue;
    if (runtime === 'workers' && !definition.runsOnWorkers) {
      throw new AppError('config', `${definition.name} cannot run on Workers; remove its settings from this deployment`);
    }
    // Each definition takes its own options type; the map is keyed by the same name.
    const adapter = await (definition.create as PlatformDefinitionCreate)(services, options[definition.name]);
    adapters.set(adapter.name, adapter);
    senders[adapter.name] = adapter.sender;
    if (adapter.directory) directories[adapter.name] = adapter.directory;
  }
  const calendar = deps.calendar ?? officialCalendar();
  const missingYears = () => missingHolidayYears(civilDateOf(clock(), config.BOT_TIMEZONE), (y) => calendar.knowsYear(y));
  const missingAtStart = missingYears();
  if (missingAtStart.length) logger.warn(holidayWarning(missingAtStart));
  const app = createBaseApp({
    store,
    logger,
    mode: { localMode: config.localMode, platforms: PLATFORMS.filter((p) => !p.console && adapters.has(p.name)).map((p) => p.name) },
    missingHolidayYears: missingYears,
  });
  for (const adapter of adapters.values()) adapter.registerRoutes?.(app);
  for (const feature of features) feature.registerRoutes?.(app);
  const scheduler = createScheduler({
    store,
    logger,
    timeZone: config.BOT_TIMEZONE,
    calendar,
    jobs: features.flatMap((f) => f.jobs ?? []),
    cadence: {
      graceDays: config.NUDGE_GRACE_DAYS,
      perMonth: config.NUDGES_PER_MONTH,
      perQuarter: config.NUDGES_PER_QUARTER,
      escalateAfter: config.NUDGE_ESCALATE_AFTER,
    },
  });
  async function tick(now: Date): Promise<TickResult> {
    const result = await scheduler.tick(now);
    await dispatcher.drain();
    return result;
  }
  return { app, pipeline, dispatcher, adapters, senders, config, store, clock, tick };
}

type PlatformDefinitionCreate = (services: PlatformServices, options?: unknown) => Promise<PlatformAdapter>;
