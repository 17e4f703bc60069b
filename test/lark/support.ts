import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config.js';
import { createBot, type Bot, type BotDeps } from '../../src/bot/create-bot.js';
import { encryptEvent, eventSignature } from '../../src/bot/platforms/lark/crypto.js';
import { createPacer } from '../../src/bot/platforms/lark/pacer.js';
import { bindChatStatement } from '../../src/db/repo/chats.js';
import { linkIdentityStatement } from '../../src/db/repo/people.js';
import { DEMO_VILLAGE, seedDemo } from '../../src/db/seed/demo.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';
import { fixedClock, quietDeps, type TestClock } from '../support/bot.js';
import type { FakeOpenApi } from './fake-open-api.js';

export const APP_ID = 'cli_a1b2c3d4e5f6a7b8';
export const ENCRYPT_KEY = 'test-encrypt-key-0123';
export const VERIFICATION_TOKEN = 'v-token-test';

/** A documented event shape from test/lark/fixtures, as a fresh object. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that the tests walk into
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface LarkTestBot extends Bot {
  store: SqliteStore;
  clock: TestClock;
  /** Waits for the sends the webhook started without waiting (Feishu's 3 s answer). */
  settle(): Promise<void>;
  security: 'encrypted' | 'token';
}

/**
 * A bot with Feishu configured against the fake Open API, the demo organisation loaded, the
 * Feishu group oc_wenquan bound to 温泉村 and three demo people known by their Feishu open_id.
 */
export async function larkTestBot(
  fake: FakeOpenApi,
  security: 'encrypted' | 'token' = 'encrypted',
  env: Record<string, string> = {},
  /** More of the bot's dependencies (a second platform's fetch). */
  extra: Partial<BotDeps> = {},
): Promise<LarkTestBot> {
  const config = parseConfig({
    DATABASE_PATH: ':memory:',
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: 'test-app-secret',
    LARK_DOMAIN: fake.url,
    DASHBOARD_SECRET: 'lark-test-dashboard-secret',
    ...(security === 'encrypted' ? { LARK_ENCRYPT_KEY: ENCRYPT_KEY } : { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN }),
    ...env,
  });
  const store = openSqliteStore(':memory:');
  await seedDemo(store);
  const at = Date.UTC(2026, 0, 2);
  await store.commit([
    bindChatStatement(store.db, { platform: 'lark', chatId: 'oc_wenquan', threadId: null, type: 'group' }, { regionCode: DEMO_VILLAGE, purpose: 'village', boundBy: 'demo-admin', title: '温泉村规划编制组' }, at),
    linkIdentityStatement(store.db, { platform: 'lark', userId: 'ou_zhang', personId: 'demo-cadre-zhang', displayName: '张卫东', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'lark', userId: 'ou_yang', personId: 'demo-leader', displayName: '杨建国', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'lark', userId: 'ou_wang', personId: 'demo-cadre-wang', displayName: '王海', linkedAt: at }),
  ]);
  const clock = fixedClock();
  const quiet = quietDeps();
  const bot = await createBot({
    config,
    store,
    clock,
    ...quiet.deps,
    ...extra,
    platforms: { lark: { pacer: createPacer({ intervalMs: 0 }) }, ...extra.platforms },
  });
  return {
    ...bot,
    store,
    clock,
    security,
    settle: quiet.settle,
  };
}

export interface DeliverOptions {
  /** Seconds; defaults to the bot's clock. */
  timestamp?: number;
  nonce?: string;
  /** Replace the computed signature. */
  signature?: string;
  /** Change the body after signing. */
  tamper?: (raw: string) => string;
  /** Send the body as is, unencrypted, even to an encrypted bot. */
  plain?: boolean;
}

/** Build the HTTP request Feishu would send: encrypted and signed, or plain with the token. */
export function larkRequest(bot: LarkTestBot, body: unknown, opts: DeliverOptions = {}): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  let raw = JSON.stringify(body);
  if (bot.security === 'encrypted' && !opts.plain) {
    raw = JSON.stringify({ encrypt: encryptEvent(ENCRYPT_KEY, raw) });
    const timestamp = String(opts.timestamp ?? Math.floor(bot.clock().getTime() / 1000));
    const nonce = opts.nonce ?? 'nonce-7f3a9c';
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = opts.signature ?? eventSignature(timestamp, nonce, ENCRYPT_KEY, raw);
  }
  if (opts.tamper) raw = opts.tamper(raw);
  return { method: 'POST', headers, body: raw };
}

export async function deliver(bot: LarkTestBot, body: unknown, opts: DeliverOptions = {}) {
  const res = await bot.app.request('/webhook/lark', larkRequest(bot, body, opts));
  const json = (await res.json()) as Record<string, unknown>;
  await bot.settle();
  return { status: res.status, json };
}

/** A group or private text message in Feishu's im.message.receive_v1 shape. */
export function textEvent(
  eventId: string,
  from: string,
  text: string,
  chat: { chatId?: string; type?: 'group' | 'p2p'; messageId?: string; mentions?: unknown[] } = {},
) {
  return {
    schema: '2.0',
    header: { event_id: eventId, event_type: 'im.message.receive_v1', create_time: '1796004000000', token: VERIFICATION_TOKEN, app_id: APP_ID, tenant_key: 't' },
    event: {
      sender: { sender_id: { open_id: from, union_id: `on_${from}`, user_id: '' }, sender_type: 'user', tenant_key: 't' },
      message: {
        message_id: chat.messageId ?? `om_${eventId}`,
        create_time: '1796004000000',
        chat_id: chat.chatId ?? 'oc_wenquan',
        chat_type: chat.type ?? 'group',
        message_type: 'text',
        content: JSON.stringify({ text }),
        ...(chat.mentions ? { mentions: chat.mentions } : {}),
      },
    },
  };
}
