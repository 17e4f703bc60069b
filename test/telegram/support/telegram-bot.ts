import { readFileSync } from 'node:fs';
import { createBot, type Bot } from '../../../src/bot/create-bot.js';
import { SECRET_HEADER } from '../../../src/bot/platforms/telegram/webhook.js';
import { parseConfig } from '../../../src/config.js';
import { bindChatStatement } from '../../../src/db/repo/chats.js';
import { linkIdentityStatement } from '../../../src/db/repo/people.js';
import { DEMO_VILLAGE, seedDemo } from '../../../src/db/seed/demo.js';
import { openSqliteStore, type SqliteStore } from '../../../src/db/sqlite.js';
import { fixedClock, quietDeps, type TestClock } from '../../support/bot.js';
import { BOT_INFO, fakeBotApi, type FakeBotApi } from './fake-bot-api.js';

export const TOKEN = '123456:TEST-token-not-real';
export const SECRET = 'webhook-secret_for-tests';
/** The village group the fixtures speak in, bound to 温泉村 like the demo's local group. */
export const VILLAGE_GROUP = '-1001234567890';
export const TG = {
  zhang: { id: 1001, person: 'demo-cadre-zhang', name: '张卫东' },
  leader: { id: 1004, person: 'demo-leader', name: '杨建国' },
  /** Listed in ADMINS, as the city task force's account. */
  admin: { id: 1009, name: '李明' },
} as const;

export interface TelegramTestBot extends Bot {
  store: SqliteStore;
  clock: TestClock;
  fake: FakeBotApi;
  /** Waits for everything the webhook left running (sending, callback answers). */
  settle(): Promise<void>;
  post(update: unknown, init?: { secret?: string | null; body?: string }): Promise<Response>;
}

/**
 * The real bot with Telegram configured, on the demo organisation plus Telegram accounts for
 * 张卫东 and 杨建国 and the village group bound on Telegram; the Bot API is the fake.
 */
export async function telegramTestBot(env: Record<string, string> = {}): Promise<TelegramTestBot> {
  const fake = fakeBotApi();
  const config = parseConfig({
    DATABASE_PATH: ':memory:',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO),
    TELEGRAM_API_ROOT: 'https://bot-api.test',
    DASHBOARD_SECRET: 'telegram-test-dashboard-secret',
    ADMINS: `telegram:${TG.admin.id}`,
    ...env,
  });
  const store = openSqliteStore(':memory:');
  await seedDemo(store);
  const at = Date.UTC(2026, 0, 2);
  await store.commit([
    linkIdentityStatement(store.db, { platform: 'telegram', userId: String(TG.zhang.id), personId: TG.zhang.person, displayName: TG.zhang.name, username: 'zhangwd', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'telegram', userId: String(TG.leader.id), personId: TG.leader.person, displayName: TG.leader.name, username: 'yangjg', linkedAt: at }),
    bindChatStatement(
      store.db,
      { platform: 'telegram', chatId: VILLAGE_GROUP, threadId: null, type: 'group' },
      { regionCode: DEMO_VILLAGE, purpose: 'village', boundBy: 'demo-admin', title: '温泉村规划编制组' },
      at,
    ),
  ]);
  const clock = fixedClock();
  const quiet = quietDeps();
  const bot = await createBot({
    config,
    store,
    clock,
    ...quiet.deps,
    platforms: { telegram: { fetch: fake.fetch } },
  });
  return {
    ...bot,
    store,
    clock,
    fake,
    settle: quiet.settle,
    async post(update, init = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (init.secret !== null) headers[SECRET_HEADER] = init.secret ?? SECRET;
      return bot.app.request('/webhook/telegram', { method: 'POST', headers, body: init.body ?? JSON.stringify(update) });
    },
  };
}

/** A fixture from test/telegram/fixtures, with fields replaced (update_id for a fresh delivery). */
export function fixture<T = Record<string, unknown>>(name: string, patch: (u: T) => void = () => {}): T {
  const u = JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
  patch(u);
  return u;
}

let nextUpdateId = 730020000;
/** A group text message as Telegram sends it, with a bot_command entity when it starts with "/". */
export function groupText(text: string, from: { id: number; name: string } = TG.zhang, chatId = VILLAGE_GROUP, messageId = 500) {
  const command = /^\/\S+/u.exec(text)?.[0];
  return {
    update_id: ++nextUpdateId,
    message: {
      message_id: messageId,
      from: { id: from.id, is_bot: false, first_name: from.name },
      chat: { id: Number(chatId), title: '温泉村规划编制组', type: 'supergroup' },
      date: 1796090400,
      text,
      ...(command ? { entities: [{ offset: 0, length: command.length, type: 'bot_command' }] } : {}),
    },
  };
}

/** A button press on a message the bot sent in the village group. */
export function press(data: string, from: { id: number; name: string } = TG.leader, queryId = `cq-${nextUpdateId + 1}`) {
  return {
    update_id: ++nextUpdateId,
    callback_query: {
      id: queryId,
      from: { id: from.id, is_bot: false, first_name: from.name },
      message: {
        message_id: 1002,
        from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
        chat: { id: Number(VILLAGE_GROUP), title: '温泉村规划编制组', type: 'supergroup' },
        date: 1796090400,
        text: '…',
      },
      chat_instance: '-8596400219446286374',
      data,
    },
  };
}
