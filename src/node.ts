import { serve } from '@hono/node-server';
import { parseConfig } from './config.js';
import { createBot } from './bot/create-bot.js';
import { jsonLogger } from './bot/ports.js';
import { openSqliteStore } from './db/sqlite.js';
import { AppError } from './domain/errors.js';

/** How often the Node process looks for queued messages nobody has sent yet (e.g. after a crash). */
const DRAIN_EVERY_MS = 2_000;

async function main(): Promise<void> {
  const logger = jsonLogger();
  const config = parseConfig(process.env);
  const store = openSqliteStore(config.DATABASE_PATH);
  const bot = createBot({ config, store, logger });
  const server = serve({ fetch: bot.app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const base = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    if (config.localMode) {
      console.log(`归乡已在本地模式启动（未配置 Telegram 或飞书）。\n本地调试台：${base}/dev\n还没有演示数据？另开终端运行 npm run seed:demo`);
    } else {
      console.log(`归乡已启动：${base}（${bot.app.routes.length} 个路由）`);
    }
  });
  const drainTimer = setInterval(() => {
    bot.dispatcher.drain().catch((err: unknown) => logger.error('drain failed', { error: String(err) }));
  }, DRAIN_EVERY_MS);
  const stop = (signal: string) => {
    logger.info('shutting down', { signal });
    clearInterval(drainTimer);
    server.close(() => {
      void store.close().then(() => process.exit(0));
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
