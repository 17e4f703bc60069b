import { readFileSync } from 'node:fs';
import { createBot, type Bot } from '../../src/bot/create-bot.js';
import { encryptMessage, msgSignature } from '../../src/bot/platforms/wecom/crypto.js';
import { parseConfig } from '../../src/config.js';
import { bindChatStatement } from '../../src/db/repo/chats.js';
import { linkIdentityStatement } from '../../src/db/repo/people.js';
import { DEMO_VILLAGE, seedDemo } from '../../src/db/seed/demo.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';
import { fixedClock, quietDeps, type TestClock } from '../support/bot.js';

export const TOKEN = 'guixiangToken42';
export const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const GROUP = 'wrkSFfCgAAtestgroup';

/** A documented push shape from test/wecom/fixtures, as a fresh object. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

export interface WecomTestBot extends Bot {
  store: SqliteStore;
  clock: TestClock;
  settle(): Promise<void>;
}

/**
 * A bot with WeCom configured, the demo organisation loaded, the WeCom group bound to 温泉村 and
 * two demo people known by their WeCom userid (张卫东 a cadre, 杨建国 the group leader).
 */
export async function wecomTestBot(env: Record<string, string>, hooks: { fetch?: typeof fetch } = {}): Promise<WecomTestBot> {
  const config = parseConfig({ DATABASE_PATH: ':memory:', DASHBOARD_SECRET: 'wecom-test-dashboard-secret', ...env });
  const store = openSqliteStore(':memory:');
  await seedDemo(store);
  const at = Date.UTC(2026, 0, 2);
  await store.commit([
    bindChatStatement(store.db, { platform: 'wecom', chatId: GROUP, threadId: null, type: 'group' }, { regionCode: DEMO_VILLAGE, purpose: 'village', boundBy: 'demo-admin', title: '温泉村规划编制组' }, at),
    linkIdentityStatement(store.db, { platform: 'wecom', userId: 'zhangweidong', personId: 'demo-cadre-zhang', displayName: '张卫东', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'wecom', userId: 'yangjianguo', personId: 'demo-leader', displayName: '杨建国', linkedAt: at }),
  ]);
  const clock = fixedClock('2026-12-01T02:00:00.000Z');
  const quiet = quietDeps();
  const bot = await createBot({ config, store, clock, ...quiet.deps, platforms: { wecom: hooks } });
  return { ...bot, store, clock, settle: quiet.settle };
}

/** The POST WeCom makes to the callback URL: the push encrypted, signed in the query string. */
export function signedPush(push: unknown, nowMs: number, opts: { nonce?: string; signature?: string; timestamp?: number } = {}) {
  const encrypt = encryptMessage(AES_KEY, JSON.stringify(push), '');
  const timestamp = String(opts.timestamp ?? Math.floor(nowMs / 1000));
  const nonce = opts.nonce ?? 'nonce-1';
  const signature = opts.signature ?? msgSignature(TOKEN, timestamp, nonce, encrypt);
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce });
  return { path: `/webhook/wecom?${query}`, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt }) } };
}

/** A text push in the shape of WeCom's documentation. */
export function textPush(msgid: string, from: string, text: string, chat: 'group' | 'single' = 'group'): Record<string, unknown> {
  return {
    ...fixture(chat === 'group' ? 'text-group' : 'text-single'),
    msgid,
    from: { userid: from },
    text: { content: text },
    response_url: `https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=${msgid}`,
  };
}
