import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../reliability/support/server.js';
import { startFakeWecomApi } from './fake-api.js';
import { startFakeWecomGateway } from './fake-gateway.js';
import { AES_KEY, signedPush, textPush, TOKEN } from './support.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guixiang-wecom-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'guixiang.db');
}

describe('npm start with WeCom configured', { timeout: 120_000 }, () => {
  it('URL callback: an encrypted 「@归乡 帮助」 is answered through its response_url within a second', async () => {
    const api = await startFakeWecomApi();
    cleanups.push(() => api.close());
    const server = await startServer({
      WECOM_MODE: 'webhook',
      WECOM_TOKEN: TOKEN,
      WECOM_ENCODING_AES_KEY: AES_KEY,
      WECOM_API_ROOT: api.url,
      DASHBOARD_SECRET: 'wecom-node-server-test-secret',
      DATABASE_PATH: tempDb(),
    });
    cleanups.push(() => server.stop());
    const push = { ...textPush('node-1', 'zhangweidong', '@归乡 帮助'), response_url: `${api.url}/cgi-bin/aibot/response?response_code=node-1` };
    const req = signedPush(push, Date.now());
    const started = Date.now();
    const res = await fetch(`${server.base}${req.path}`, req.init);
    expect(res.status).toBe(200);
    while (api.calls.length === 0 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]!.at - started).toBeLessThan(1000);
    expect(api.calls[0]!.path).toBe('/cgi-bin/aibot/response?response_code=node-1');
    expect(api.calls[0]!.body.msgtype).toBe('markdown');
    expect(api.calls[0]!.body.markdown!.content).toContain('绑定');
  });

  it('long connection: subscribes at start and answers a pushed 「@归乡 帮助」 in the group within a second', async () => {
    const gateway = await startFakeWecomGateway({ botId: 'aib_node', secret: 'node-secret' });
    cleanups.push(() => gateway.close());
    const server = await startServer({
      WECOM_BOT_ID: 'aib_node',
      WECOM_BOT_SECRET: 'node-secret',
      WECOM_WS_URL: gateway.url,
      DASHBOARD_SECRET: 'wecom-node-server-test-secret',
      DATABASE_PATH: tempDb(),
    });
    cleanups.push(() => server.stop());
    await gateway.waitFor(() => gateway.state.subscribed === 1);
    const started = Date.now();
    gateway.push(textPush('node-ws-1', 'zhangweidong', '@归乡 帮助'));
    await gateway.waitFor(() => gateway.sent.some((f) => f.cmd === 'aibot_send_msg'), 3000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(gateway.sent.find((f) => f.cmd === 'aibot_send_msg')!.body).toMatchObject({ chatid: 'wrkSFfCgAAtestgroup', msgtype: 'markdown' });
  });
});
