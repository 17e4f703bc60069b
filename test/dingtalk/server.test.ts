import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningProcess } from '../reliability/support/server.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { CLIENT_ID, CLIENT_SECRET, groupText, signedRequest } from './support.js';

describe('npm start with DingTalk in webhook mode', () => {
  let fake: FakeDingTalk;
  let server: RunningProcess;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeDingTalk();
    dir = mkdtempSync(join(tmpdir(), 'guixiang-dingtalk-'));
    server = await startServer({
      DATABASE_PATH: join(dir, 'guixiang.db'),
      DINGTALK_CLIENT_ID: CLIENT_ID,
      DASHBOARD_SECRET: 'dingtalk-server-dashboard-secret',
      DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
      DINGTALK_MODE: 'webhook',
      DINGTALK_API_ROOT: fake.url,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a signed 「@归乡 帮助」 through the OpenAPI in under a second, and refuses a forged one', async () => {
    const health = (await (await fetch(`${server.base}/healthz`)).json()) as { mode: string; platforms: string[] };
    expect(health).toMatchObject({ mode: 'platform', platforms: ['dingtalk'] });

    const message = groupText('msgServer1', '帮助');
    message.conversationId = 'cidServerGroup==';
    // The running server checks the signature against its own clock, so it is signed now.
    const started = Date.now();
    const res = await fetch(`${server.base}/webhook/dingtalk`, signedRequest(message, started));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    while (fake.sends().length === 0 && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 10));
    const elapsed = Date.now() - started;

    const [reply, ...more] = fake.sends();
    expect(more).toEqual([]);
    expect(elapsed).toBeLessThan(1_000);
    expect(reply).toMatchObject({ route: 'group', token: 'at-1', body: { robotCode: CLIENT_ID, openConversationId: 'cidServerGroup==', msgKey: 'sampleText' } });
    const text = String((reply?.body.msgParam as { content?: string } | undefined)?.content);
    expect(text.split('\n').slice(0, 2)).toEqual(['归乡 · 干部规划家乡行动助手', '您可以发送：']);

    const forged = await fetch(`${server.base}/webhook/dingtalk`, signedRequest(groupText('msgServer2', '帮助'), Date.now(), { secret: 'guessed' }));
    expect(forged.status).toBe(401);
  }, 30_000);
});

describe('npm start with DingTalk in stream mode (the default)', () => {
  let fake: FakeDingTalk;
  let server: RunningProcess;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeDingTalk();
    dir = mkdtempSync(join(tmpdir(), 'guixiang-dingtalk-stream-'));
    // No DINGTALK_MODE: Node defaults to the stream, opened through DINGTALK_API_ROOT's gateway.
    server = await startServer({ DATABASE_PATH: join(dir, 'guixiang.db'), DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: CLIENT_SECRET, DINGTALK_API_ROOT: fake.url, DASHBOARD_SECRET: 'dingtalk-server-dashboard-secret' });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes 「@归乡 帮助」 from the stream, acknowledges it and replies in under a second, with no webhook served', async () => {
    await fake.until(() => fake.connections() === 1, 'the server to connect');
    const message = groupText('msgStreamServer1', '帮助');
    message.conversationId = 'cidStreamGroup==';
    const started = Date.now();
    fake.push('frame-server-1', message);
    await fake.until(() => fake.sends().length > 0, 'a reply');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.acks.map((a) => a.headers.messageId)).toEqual(['frame-server-1']);
    expect(fake.sends()).toMatchObject([{ route: 'group', body: { openConversationId: 'cidStreamGroup==', msgKey: 'sampleText' } }]);

    const webhook = await fetch(`${server.base}/webhook/dingtalk`, signedRequest(groupText('msgStreamServer2', '帮助'), Date.now()));
    expect(webhook.status).toBe(404);
  }, 30_000);
});
