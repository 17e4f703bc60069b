import { parseConfig, type Config } from '../../src/config.js';
import { createBot, type Bot, type BotDeps } from '../../src/bot/create-bot.js';
import { silentLogger } from '../../src/bot/engine/ports.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';
import type { WorkCalendar } from '../../src/domain/meetings/index.js';

/** A clock tests move by hand. Starts at 2026-12-01 10:00 Beijing time unless told otherwise. */
export function fixedClock(start = '2026-12-01T02:00:00.000Z') {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set(iso: string) {
      now = new Date(iso).getTime();
    },
    advance(ms: number) {
      now += ms;
    },
  });
}
export type TestClock = ReturnType<typeof fixedClock>;

export interface TestBot extends Bot {
  store: SqliteStore;
  clock: TestClock;
}

/** Ids that read well in assertions: id-1, id-2, … */
export function counterIds(prefix = 'id') {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/**
 * What the test bots share: silent logs, ids that read well, no jitter, and the work webhooks
 * leave running (sending, callback answers) collected so a test can wait for all of it.
 */
export function quietDeps() {
  const pending: Promise<unknown>[] = [];
  return {
    // Per-sender limits off: these bots send many commands from one person at one fixed instant;
    // the fairness tests (test/reliability/fairness.test.ts) turn them on.
    deps: { logger: silentLogger, newId: counterIds(), random: () => 0.5, defer: (task: Promise<unknown>) => void pending.push(task), senderLimits: false as const },
    /** Waits for everything deferred, including work that deferred work started. */
    async settle() {
      while (pending.length) await Promise.all(pending.splice(0));
    },
  };
}

/**
 * A bot on a private in-memory database with the demo organisation loaded, a fixed clock and
 * silent logs. `env` adds environment variables (platform credentials for adapter tests).
 */
export async function testBot(
  options: { env?: Record<string, string | undefined>; seed?: boolean; clock?: TestClock; path?: string; idPrefix?: string; calendar?: WorkCalendar; deps?: Partial<BotDeps> } = {},
): Promise<TestBot> {
  const config: Config = parseConfig({ DATABASE_PATH: ':memory:', ...options.env });
  const store = openSqliteStore(options.path ?? ':memory:');
  if (options.seed !== false) await seedDemo(store);
  const clock = options.clock ?? fixedClock();
  // Per-sender limits off, as in quietDeps.
  const bot = await createBot({ config, store, clock, logger: silentLogger, newId: counterIds(options.idPrefix), random: () => 0.5, senderLimits: false, ...(options.calendar ? { calendar: options.calendar } : {}), ...options.deps });
  return { ...bot, store, clock };
}

export interface ConsoleReply {
  id: number;
  chatId: string;
  text: string;
  title?: string;
  buttons?: { label: string; value: string }[][];
  createdAt: string;
}

let eventCounter = 0;

/** Say something in the local console as a demo member; returns the bot's reply texts. */
export async function say(
  bot: Bot,
  from: { chatId?: string; userId: string; userName?: string; eventId?: string; chatType?: 'group' | 'private' },
  text: string,
): Promise<{ status: number; replies: ConsoleReply[]; duplicate?: boolean; texts: string[] }> {
  const body = {
    chatId: from.chatId ?? 'wenquan-village',
    userId: from.userId,
    userName: from.userName ?? from.userId,
    text,
    eventId: from.eventId ?? `t-${++eventCounter}`,
    ...(from.chatType ? { chatType: from.chatType } : {}),
  };
  const res = await bot.app.request('/dev/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { replies?: ConsoleReply[]; duplicate?: boolean };
  const replies = json.replies ?? [];
  return { status: res.status, replies, texts: replies.map((r) => r.text), ...(json.duplicate ? { duplicate: true } : {}) };
}

/** Press a button in the console. */
export async function press(bot: Bot, from: { chatId?: string; userId: string; userName?: string }, value: string) {
  const res = await bot.app.request('/dev/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId: from.chatId ?? 'wenquan-village', userId: from.userId, userName: from.userName ?? from.userId, button: value, eventId: `b-${++eventCounter}` }),
  });
  return (await res.json()) as { replies: ConsoleReply[]; toast?: string; duplicate?: boolean };
}

/** Demo console members (see src/db/seed/demo.ts). */
export const DEMO = {
  admin: { userId: 'u-admin', userName: '李明' },
  county: { userId: 'u-jiangchuan', userName: '王芳' },
  township: { userId: 'u-jiangcheng', userName: '赵强' },
  leader: { userId: 'u-yang', userName: '杨建国' },
  council: { userId: 'u-puli', userName: '普丽' },
  zhang: { userId: 'u-zhang', userName: '张卫东' },
  wang: { userId: 'u-wanghai', userName: '王海' },
  lvzhi: { userId: 'u-lvzhi', userName: '何志勇' },
  pu: { userId: 'u-pu', userName: '普国华' },
} as const;
