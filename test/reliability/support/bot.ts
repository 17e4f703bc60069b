import { createBot, type Bot } from '../../../src/bot/create-bot.js';
import { createPacer } from '../../../src/bot/platforms/lark/pacer.js';
import { SENDER_LIMITS } from '../../../src/bot/engine/fairness.js';
import { parseConfig } from '../../../src/config.js';
import { openSqliteStore, type SqliteStore } from '../../../src/db/sqlite.js';
import type { FakeOpenApi } from '../../lark/fake-open-api.js';
import { APP_ID, ENCRYPT_KEY } from '../../lark/support.js';
import { fixedClock, quietDeps, type TestClock } from '../../support/bot.js';
import { BOT_INFO, fakeBotApi, type FakeBotApi } from '../../telegram/support/fake-bot-api.js';
import { SECRET, TOKEN } from '../../telegram/support/telegram-bot.js';
import { seedLoadRoster, type RosterShape } from './roster.js';

export interface ReliabilityBot extends Bot {
  store: SqliteStore;
  clock: TestClock;
  telegramApi: FakeBotApi;
  /** Waits for everything the webhooks left running (sending), including work that work started. */
  settle(): Promise<void>;
  /** Lets time pass for the rate limits only (the injected clock stands still). */
  passPacingTime(ms: number): void;
  /** Row count of a table. */
  count(table: string, where?: string): number;
}

/**
 * The real bot with Telegram (fake Bot API) and, when given, Feishu (fake Open API on loopback)
 * configured, over the demo organisation and the load villages and cadres. Rate limits run on
 * virtual time, so a thousand replies to one group go out at once while still being paced.
 */
export async function reliabilityBot(options: {
  shape: RosterShape;
  lark?: FakeOpenApi;
  env?: Record<string, string>;
  /** Per-sender limits as in production (off otherwise, as in every test bot). */
  senderLimits?: boolean;
  /** Stands between grammY and the fake Bot API (an outage, a hang). */
  telegramEdge?: (fake: typeof fetch) => typeof fetch;
}): Promise<ReliabilityBot> {
  const telegramApi = fakeBotApi();
  const config = parseConfig({
    DATABASE_PATH: ':memory:',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
    TELEGRAM_API_ROOT: 'https://bot-api.test',
    DASHBOARD_SECRET: 'reliability-dashboard-secret',
    ...(options.lark ? { LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'test-app-secret', LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: options.lark.url } : {}),
    ...options.env,
  });
  const store = openSqliteStore(':memory:');
  await seedLoadRoster(store, options.shape);
  const clock = fixedClock();
  let virtual = 0;
  const quiet = quietDeps();
  const bot = await createBot({
    config,
    store,
    clock,
    ...quiet.deps,
    ...(options.senderLimits ? { senderLimits: SENDER_LIMITS } : {}),
    platforms: {
      telegram: { fetch: options.telegramEdge ? options.telegramEdge(telegramApi.fetch) : telegramApi.fetch },
      lark: { pacer: createPacer({ intervalMs: 0 }) },
    },
    pacing: { now: () => virtual, sleep: async (ms) => void (virtual += ms) },
  });
  return {
    ...bot,
    store,
    clock,
    telegramApi,
    settle: quiet.settle,
    passPacingTime(ms) {
      virtual += ms;
    },
    count(table, where) {
      return (store.sqlite.prepare(`select count(*) as n from ${table}${where ? ` where ${where}` : ''}`).get() as { n: number }).n;
    },
  };
}
