import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config.js';
import { createBot, type Bot, type BotDeps } from '../../src/bot/create-bot.js';
import type { DingTalkAdapter, DingTalkHooks } from '../../src/bot/platforms/dingtalk/index.js';
import { callbackSign } from '../../src/bot/platforms/dingtalk/sign.js';
import { bindChatStatement } from '../../src/db/repo/chats.js';
import { linkIdentityStatement } from '../../src/db/repo/people.js';
import { DEMO_VILLAGE, seedDemo } from '../../src/db/seed/demo.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';
import { fixedClock, quietDeps, type TestClock } from '../support/bot.js';
import type { FakeDingTalk } from './fake-open-api.js';

export const CLIENT_ID = 'ding-client-id';
export const CLIENT_SECRET = 'ding-client-secret';
export const GROUP = 'cidWenquanVillage==';

/** A robot message as DingTalk documents it, from test/dingtalk/fixtures, as a fresh object. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that the tests walk into
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** The group fixture with another text, message id and sender. */
export function groupText(msgId: string, text: string, from: { staffId?: string; nick?: string } = {}) {
  const m = fixture('group-text');
  m.msgId = msgId;
  m.text = { content: ` ${text}` };
  if (from.staffId) m.senderStaffId = from.staffId;
  if (from.nick) m.senderNick = from.nick;
  return m;
}

export function privateText(msgId: string, text: string, from: { staffId?: string; nick?: string } = {}) {
  const m = groupText(msgId, text, from);
  m.conversationType = '1';
  m.conversationId = `cidPrivate-${from.staffId ?? 'zhang001'}==`;
  delete m.conversationTitle;
  return m;
}

export interface DingTalkTestBot extends Bot {
  store: SqliteStore;
  clock: TestClock;
  dingtalk: DingTalkAdapter;
  settle(): Promise<void>;
}

/**
 * A bot with DingTalk configured in webhook mode against the fake OpenAPI, the demo organisation
 * loaded, the DingTalk group cidWenquanVillage== bound to 温泉村, and four demo people known by
 * their staff ids.
 */
export async function dingtalkTestBot(
  fake: FakeDingTalk,
  env: Record<string, string> = {},
  extra: Partial<BotDeps> & { dingtalk?: DingTalkHooks } = {},
): Promise<DingTalkTestBot> {
  const config = parseConfig({ DATABASE_PATH: ':memory:', DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: CLIENT_SECRET, DASHBOARD_SECRET: 'dingtalk-test-dashboard-secret', DINGTALK_MODE: 'webhook', DINGTALK_API_ROOT: fake.url, ...env });
  const store = openSqliteStore(':memory:');
  await seedDemo(store);
  const at = Date.UTC(2026, 0, 2);
  await store.commit([
    bindChatStatement(store.db, { platform: 'dingtalk', chatId: GROUP, threadId: null, type: 'group' }, { regionCode: DEMO_VILLAGE, purpose: 'village', boundBy: 'demo-admin', title: '温泉村规划编制组' }, at),
    linkIdentityStatement(store.db, { platform: 'dingtalk', userId: 'zhang001', personId: 'demo-cadre-zhang', displayName: '张卫东', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'dingtalk', userId: 'yang001', personId: 'demo-leader', displayName: '杨建国', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'dingtalk', userId: 'wang001', personId: 'demo-cadre-wang', displayName: '王海', linkedAt: at }),
    linkIdentityStatement(store.db, { platform: 'dingtalk', userId: 'zhao001', personId: 'demo-township', displayName: '赵强', linkedAt: at }),
  ]);
  const clock = fixedClock();
  const quiet = quietDeps();
  const { dingtalk: hooks, ...rest } = extra;
  const bot = await createBot({ config, store, clock, ...quiet.deps, ...rest, ...(hooks ? { platforms: { dingtalk: hooks } } : {}) });
  return { ...bot, store, clock, dingtalk: bot.adapters.get('dingtalk') as DingTalkAdapter, settle: quiet.settle };
}

/** The request DingTalk would send: the body, and the timestamp and sign headers. */
export function signedRequest(body: unknown, timestampMs: number, opts: { sign?: string; secret?: string } = {}): RequestInit {
  const timestamp = String(timestampMs);
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', timestamp, sign: opts.sign ?? callbackSign(timestamp, opts.secret ?? CLIENT_SECRET) },
    body: JSON.stringify(body),
  };
}

export async function deliver(bot: DingTalkTestBot, body: unknown, opts: { timestampMs?: number; sign?: string; secret?: string } = {}) {
  const res = await bot.app.request('/webhook/dingtalk', signedRequest(body, opts.timestampMs ?? bot.clock().getTime(), opts));
  const json = (await res.json()) as Record<string, unknown>;
  await bot.settle();
  return { status: res.status, json };
}

export const rows = (bot: DingTalkTestBot, sql: string, ...params: unknown[]) => bot.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
export const processed = (bot: DingTalkTestBot) => rows(bot, "select event_id from processed_events where platform = 'dingtalk'").map((r) => r.event_id);
