import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptEvent, eventSignature } from '../../src/bot/platforms/lark/crypto.js';
import { BOT_OPEN_ID, startFakeOpenApi, type FakeOpenApi } from './fake-open-api.js';
import { APP_ID, ENCRYPT_KEY, textEvent } from './support.js';
import { buildForStart, npmStartCommand, ROOT } from '../reliability/support/server.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not come up:\n${output()}`);
}

describe('npm start with Feishu configured', () => {
  let fake: FakeOpenApi;
  let child: ChildProcess;
  let dir: string;
  let base: string;
  let output = '';

  beforeAll(async () => {
    fake = await startFakeOpenApi();
    dir = mkdtempSync(join(tmpdir(), 'guixiang-lark-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Exactly what `npm start` runs: the build with the Feishu SDK bundled in, and the start flags.
    buildForStart();
    const { nodeArgs, entry } = npmStartCommand();
    child = spawn(process.execPath, [...nodeArgs, entry], {
      cwd: ROOT,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'guixiang.db'),
        LARK_APP_ID: APP_ID,
        LARK_APP_SECRET: 'test-app-secret',
        LARK_ENCRYPT_KEY: ENCRYPT_KEY,
        LARK_DOMAIN: fake.url,
        DASHBOARD_SECRET: 'lark-server-dashboard-secret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitForHealth(base, child, () => output);
  }, 40_000);

  afterAll(async () => {
    // The server runs in a process group of its own.
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a signed, encrypted "@bot 帮助" in a group through the Open API', async () => {
    const health = (await (await fetch(`${base}/healthz`)).json()) as { mode: string; platforms: string[] };
    expect(health).toMatchObject({ mode: 'platform', platforms: ['lark'] });

    const event = textEvent('evt-server-help', 'ou_someone', '@_user_1 帮助', {
      chatId: 'oc_server_group',
      messageId: 'om_server_1',
      mentions: [{ key: '@_user_1', id: { open_id: BOT_OPEN_ID, union_id: 'on_bot', user_id: '' }, name: '归乡', tenant_key: 't' }],
    });
    const raw = JSON.stringify({ encrypt: encryptEvent(ENCRYPT_KEY, JSON.stringify(event)) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'server-nonce';
    const started = Date.now();
    const res = await fetch(`${base}/webhook/lark`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': eventSignature(timestamp, nonce, ENCRYPT_KEY, raw),
      },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(Date.now() - started).toBeLessThan(3_000);

    await fake.waitFor((c) => c.path === '/open-apis/im/v1/messages/om_server_1/reply');
    const reply = fake.calls.find((c) => c.path === '/open-apis/im/v1/messages/om_server_1/reply')!;
    expect(reply.authorization).toBe('Bearer t-1');
    expect(reply.body).toMatchObject({ msg_type: 'text', uuid: 'lark:evt-server-help:0' });
    const text = (JSON.parse(reply.body.content as string) as { text: string }).text;
    expect(text.split('\n').slice(0, 2)).toEqual(['归乡 · 干部规划家乡行动助手', '您可以发送：']);
    expect(text).toContain('· 帮助 — 查看我能用的命令');

    // A forged copy is refused by the real server too.
    const forged = await fetch(`${base}/webhook/lark`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': '0'.repeat(64) },
      body: raw,
    });
    expect(forged.status).toBe(401);
  });
});
