import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_INFO, fakeBotApi, serveFakeBotApi } from './support/fake-bot-api.js';
import { groupText, SECRET, TOKEN } from './support/telegram-bot.js';
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

describe('npm start with Telegram configured', () => {
  it('asks getMe once at start, and a posted /help reaches the Bot API within a second of the webhook call', async () => {
    const fake = fakeBotApi();
    const api = await serveFakeBotApi(fake);
    cleanups.push(() => api.close());
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-tg-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    const { base } = await startServer({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
      DATABASE_PATH: join(dir, 'guixiang.db'),
      PORT: '0',
      HOST: '127.0.0.1',
    });
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
    expect(String(reply!.payload.text)).toMatch(/^归乡 · 干部规划家乡行动助手\n您可以发送：\n· 帮助 — 查看我能用的命令/u);

    const refused = await fetch(`${base}/webhook/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
    expect(refused.status).toBe(401);
  }, 60_000);
});
