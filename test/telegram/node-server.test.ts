import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_INFO, fakeBotApi, serveFakeBotApi } from './support/fake-bot-api.js';
import { groupText, SECRET, TOKEN } from './support/telegram-bot.js';
import Database from 'better-sqlite3';
import { SECRET_HEADER } from '../../src/bot/platforms/telegram/webhook.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Start `npx tsx src/node.ts` and resolve with the address it prints once listening. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn('npx', ['tsx', 'src/node.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    // Its own process group, so stopping it also stops the node process tsx starts.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid!, 'SIGTERM');
      }),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /归乡已启动：(http:\/\/127\.0\.0\.1:\d+)/u.exec(output);
      if (m) resolve({ child, base: m[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

/** The fake Bot API on loopback and the server against it on a fresh database file. */
async function startWithTelegram(env: Record<string, string> = {}) {
  const fake = fakeBotApi();
  const api = await serveFakeBotApi(fake);
  cleanups.push(() => api.close());
  const dir = mkdtempSync(join(tmpdir(), 'guixiang-tg-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = join(dir, 'guixiang.db');
  const { base } = await startServer({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: api.url,
    DASHBOARD_SECRET: 'telegram-server-dashboard-secret',
    DATABASE_PATH: dbPath,
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  return { fake, base, dbPath };
}

describe('npm start with Telegram configured', () => {
  it('asks getMe once at start, and a posted /help reaches the Bot API within a second of the webhook call', async () => {
    const { fake, base } = await startWithTelegram();
    expect(fake.calls.map((c) => c.method)).toEqual(['getMe']);

    const update = groupText(`/help@${BOT_INFO.username}`, { id: 3003, name: '普通群员' }, '-1001777000111', 9);
    const started = Date.now();
    const res = await fetch(`${base}/webhook/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    while (fake.sends().length === 0 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));

    const [reply] = fake.sends();
    expect(reply).toBeDefined();
    expect(reply!.at - started).toBeLessThan(1000);
    expect(reply!.payload).toMatchObject({
      chat_id: '-1001777000111',
      parse_mode: 'HTML',
      reply_parameters: { message_id: 9, allow_sending_without_reply: true },
    });
    expect(String(reply!.payload.text)).toMatch(/^归乡 · 干部规划家乡行动助手\n您可以发送：\n· /u);

    const refused = await fetch(`${base}/webhook/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
    expect(refused.status).toBe(401);
  }, 60_000);

  it('keeps an idle webhook connection open past Node\'s 5 s, so a sender reusing it is answered, not reset', async () => {
    const { base } = await startWithTelegram();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const url = new URL(`${base}/webhook/telegram`);
    const post = (messageId: number) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const body = JSON.stringify(groupText(`/help@${BOT_INFO.username}`, { id: 3003, name: '普通群员' }, '-1001777000111', messageId));
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    expect(await post(31)).toEqual({ status: 200, reused: false });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await post(32)).toEqual({ status: 200, reused: true });
  }, 60_000);

  it('starts with the official Yuxi regions on an empty database: an admin binds 温泉村, 孤山村 and 三百亩村', async () => {
    const { fake, base, dbPath } = await startWithTelegram({
      ADMINS: 'telegram:4004',
      // A Tuesday morning in Beijing: nothing the scheduler would send then gets in the way.
      NODE_OPTIONS: `--import ${new URL('../support/fixed-clock.mjs', import.meta.url).href}`,
      GUIXIANG_TEST_CLOCK: '2026-12-01T02:00:00.000Z',
    });
    const admin = { id: 4004, name: '专班李明' };
    const groups = ['-1001777000201', '-1001777000202', '-1001777000203'];
    const texts = ['绑定 温泉村', '绑定 孤山村', '绑定 三百亩村'];
    for (const [i, text] of texts.entries()) {
      const res = await fetch(`${base}/webhook/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
        body: JSON.stringify(groupText(text, admin, groups[i], 20 + i)),
      });
      expect(res.status).toBe(200);
    }
    const started = Date.now();
    while (fake.sends().length < 3 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    const replies = new Map(fake.sends().map((s) => [String(s.payload.chat_id), String(s.payload.text)]));
    expect(groups.map((g) => replies.get(g))).toEqual([
      '已绑定：本群是 江川区江城镇温泉村 的村庄规划编制组群。',
      '已绑定：本群是 江川区江城镇孤山村 的村庄规划编制组群。',
      '已绑定：本群是 江川区江城镇三百亩村 的村庄规划编制组群。',
    ]);
    const db = new Database(dbPath, { readonly: true });
    cleanups.push(() => void db.close());
    expect(db.prepare("select chat_id, region_code, purpose from chats where platform = 'telegram' and region_code is not null order by chat_id").all()).toEqual([
      { chat_id: '-1001777000201', region_code: '530403101208', purpose: 'village' },
      { chat_id: '-1001777000202', region_code: '530403101201', purpose: 'village' },
      { chat_id: '-1001777000203', region_code: '530403101213', purpose: 'village' },
    ]);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count("select count(*) as n from regions where path like '530400/%' and level = 'county'")).toBe(9);
    expect(count("select count(*) as n from regions where path like '530400/%' and level = 'township'")).toBe(76);
    expect(count("select count(*) as n from regions where path like '530400/%' and level = 'village'")).toBe(718);
    expect(count('select count(*) as n from people')).toBe(0);
  }, 60_000);
});
