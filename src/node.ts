import { serve } from '@hono/node-server';
import { parseConfig } from './config.js';
import { createBot } from './bot/create-bot.js';
import { createNodeChartRenderer } from './bot/engine/charts/index.js';
import { createThreadCharts } from './bot/engine/charts/threads.js';
import { jsonLogger } from './bot/engine/ports.js';
import { officialCalendar } from './bot/engine/scheduler/index.js';
import { readCalendarOverrides } from './bot/engine/scheduler/calendar-file.js';
import type { WorkbookWriter } from './bot/features/spreadsheets/export.js';
import { createThreadNudgePlanner } from './bot/features/core/nudge-threads.js';
import { createThreadLedger } from './bot/features/spreadsheets/ledger-threads.js';
import { inProcessStats } from './bot/features/stations/stats-reader.js';
import { createThreadStats } from './bot/features/stations/stats-threads.js';
import type { ThreadEntry } from './bot/engine/thread.js';
import { startCheckpointer } from './db/checkpointer.js';
import { cadreCount, openSqliteStore } from './db/sqlite.js';
import { batchedLineWriter } from './log-writer.js';
import { AppError } from './domain/errors.js';
import { seedDemo } from './db/seed/demo.js';
import { ensureShippedRegions } from './db/seed/regions.js';

/** How often the Node process looks for queued messages nobody has sent yet (e.g. after a crash). */
const DRAIN_EVERY_MS = 2_000;
/** How long an idle kept-alive connection stays open (Node's default is 5 s). */
const KEEP_ALIVE_MS = 65_000;
/** Reminders and windows are scheduled to the minute. */
const TICK_EVERY_MS = 60_000;

/** exceljs takes some 25 MB of memory once loaded; it is loaded on the first export, not at start. */
const writeWorkbook: WorkbookWriter = async (sheets, at) => (await import('./bot/features/spreadsheets/workbook.js')).writeWorkbook(sheets, at);

/**
 * A worker thread's entry: built next to this file by scripts/build-node.mjs for `npm start`
 * (dist/<name>.js); the TypeScript source, through tsx, when this file runs from src/.
 */
function threadEntry(source: string, name: string): ThreadEntry {
  return { entry: import.meta.url.endsWith('.ts') ? new URL(source, import.meta.url) : new URL(`./${name}.js`, import.meta.url) };
}

async function main(): Promise<void> {
  const logger = jsonLogger(batchedLineWriter());
  const config = parseConfig(process.env);
  const store = openSqliteStore(config.DATABASE_PATH);
  // The WAL checkpoint runs in a thread of its own rather than inside a webhook's commit.
  const checkpointer =
    config.DATABASE_PATH === ':memory:' ? null : startCheckpointer(store.sqlite, config.DATABASE_PATH, { onError: (error) => logger.warn('wal checkpoint', { error }) });
  // Every mode starts with the official Yuxi regions when the database has none, so the first
  // 「绑定 温泉村」 finds its village. Someone trying the bot on a fresh machine (local mode, empty
  // database) also gets the demo people and chats to talk to; a deployment's data is never touched.
  const filled = await ensureShippedRegions(store);
  const seeded = config.localMode && filled > 0 ? await seedDemo(store) : null;
  const calendar = officialCalendar(config.CALENDAR_OVERRIDES ? readCalendarOverrides(config.CALENDAR_OVERRIDES) : undefined);
  // A chart takes 60–150 ms of CPU to draw (resvg reads the 8 MB font each time): in a thread as well.
  const charts = createThreadCharts({ logger, here: createNodeChartRenderer(), ...threadEntry('./bot/engine/charts/thread.ts', 'chart-thread') });
  // A city's ledger takes a minute to build: in a worker thread, so webhooks are answered meanwhile.
  // An in-memory database cannot be read from another thread; it builds in this one.
  const ledger = config.DATABASE_PATH === ':memory:' ? null : createThreadLedger({ databasePath: config.DATABASE_PATH, logger, ...threadEntry('./bot/features/spreadsheets/ledger-thread.ts', 'ledger-thread') });
  // The reminder job reads the whole roster each minute of the working day: in a thread as well.
  const nudges = config.DATABASE_PATH === ':memory:' ? null : createThreadNudgePlanner({ databasePath: config.DATABASE_PATH, logger, ...threadEntry('./bot/features/core/nudge-thread.ts', 'nudge-thread') });
  // /stats of a county or a city, the dashboard and the weekly digests read for 0.02–1 s: in a thread too.
  const stats =
    config.DATABASE_PATH === ':memory:'
      ? null
      : createThreadStats({
          databasePath: config.DATABASE_PATH,
          logger,
          here: inProcessStats(store.db),
          cadres: () => cadreCount(store.sqlite),
          ...threadEntry('./bot/features/stations/stats-thread.ts', 'stats-thread'),
        });
  // Each configured platform is built before anything is served (a platform may ask who it is).
  const bot = await createBot({
    config,
    store,
    logger,
    calendar,
    writeWorkbook,
    ...(ledger ? { buildLedger: ledger.build } : {}),
    ...(nudges ? { planNudges: nudges.plan } : {}),
    ...(stats ? { stats: stats.reader } : {}),
    renderChart: (spec) => charts.render(spec),
  });
  const server = serve({ fetch: bot.app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const base = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    if (config.localMode) {
      const demo = seeded
        ? `已载入演示数据（${seeded.regions} 个地区，${seeded.people} 位人员，${seeded.chats} 个演示群）。`
        : '想要演示数据？另开终端运行 npm run seed:demo（可重复运行）。';
      console.log(`归乡已在本地模式启动（未配置任何平台）。\n本地调试台：${base}/dev\n${demo}`);
    } else {
      console.log(`归乡已启动：${base}（${bot.app.routes.length} 个路由）`);
    }
  });
  // Node closes a kept-alive connection after 5 s without a request; a sender that picks that
  // connection for its next request at the same moment gets a reset instead of an answer. Webhook
  // senders and the proxies in front of a server keep connections for about a minute: so does this.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }
  // Platforms in a polling or long-connection mode (machines without public HTTPS) receive here.
  for (const adapter of bot.adapters.values()) {
    adapter.start?.().catch((err: unknown) => {
      logger.error('platform receiving stopped', { platform: adapter.name, error: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    });
  }
  const drainTimer = setInterval(() => {
    bot.dispatcher.drain().catch((err: unknown) => logger.error('drain failed', { error: String(err) }));
  }, DRAIN_EVERY_MS);
  // A tick over a province's roster can outlast a minute; the next one waits rather than
  // repeating work alongside it (the unique keys would keep it from sending twice anyway).
  let ticking = false;
  const runTick = () => {
    if (ticking) return;
    ticking = true;
    bot
      .tick(new Date())
      .catch((err: unknown) => logger.error('tick failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        ticking = false;
      });
  };
  const tickTimer = setInterval(runTick, TICK_EVERY_MS);
  // A restart should not wait a minute for work that fell due while the process was down.
  runTick();
  const stop = (signal: string) => {
    logger.info('shutting down', { signal });
    clearInterval(drainTimer);
    clearInterval(tickTimer);
    for (const adapter of bot.adapters.values()) void adapter.stop?.();
    server.close(() => {
      void (checkpointer?.stop() ?? Promise.resolve())
        .then(() => store.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof AppError && err.code === 'config') {
    console.error(err.message);
  } else {
    console.error(err instanceof Error ? err.stack : err);
  }
  process.exit(1);
});
