import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { encryptMessage, msgSignature } from '../../src/bot/platforms/wecom/crypto.js';
import { outbox, processedEvents, records } from '../../src/db/schema/index.js';
import { AES_KEY, GROUP, signedPush, textPush, TOKEN, wecomTestBot, type WecomTestBot } from './support.js';

const ENV = { WECOM_MODE: 'webhook', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES_KEY };

describe('WeCom URL callback (WECOM_MODE=webhook)', () => {
  let bot: WecomTestBot;
  let calls: { url: string; body: { msgtype: string; markdown: { content: string } } }[];

  beforeEach(async () => {
    calls = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ errcode: 0, errmsg: 'ok' }), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    bot = await wecomTestBot(ENV, { fetch: fakeFetch });
  });

  async function post(push: unknown, opts: Parameters<typeof signedPush>[2] = {}) {
    const req = signedPush(push, bot.clock().getTime(), opts);
    const res = await bot.app.request(req.path, req.init);
    await bot.settle();
    return res;
  }

  it('answers the URL check with the decrypted echostr', async () => {
    const ts = String(bot.clock().getTime() / 1000);
    const echostr = encryptMessage(AES_KEY, '6823159374521', '');
    const q = new URLSearchParams({ msg_signature: msgSignature(TOKEN, ts, 'n', echostr), timestamp: ts, nonce: 'n', echostr });
    const res = await bot.app.request(`/webhook/wecom?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('6823159374521');
    const forged = new URLSearchParams({ msg_signature: '0'.repeat(40), timestamp: ts, nonce: 'n', echostr });
    expect((await bot.app.request(`/webhook/wecom?${forged}`)).status).toBe(401);
  });

  it('records a suggestion from a group @-message and replies once through that message’s response_url', async () => {
    const res = await post(textPush('msg-1', 'zhangweidong', '@归乡 建议 村口道路需要硬化'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const [rec] = await bot.store.db.select({ kind: records.kind, text: records.text, platform: records.platform }).from(records).where(eq(records.platform, 'wecom'));
    expect(rec).toEqual({ kind: 'suggestion', text: '村口道路需要硬化', platform: 'wecom' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=msg-1');
    expect(calls[0]!.body.msgtype).toBe('markdown');
    expect(calls[0]!.body.markdown.content).toMatch(/^已记录 建议#1/u);

    // WeCom pushes the same msgid again: nothing more is written or sent.
    expect((await post(textPush('msg-1', 'zhangweidong', '@归乡 建议 村口道路需要硬化'))).status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(await bot.store.db.select().from(records).where(eq(records.platform, 'wecom'))).toHaveLength(1);
  });

  it('refuses forged, stale and undecryptable pushes, writing nothing', async () => {
    const push = textPush('msg-forged', 'zhangweidong', '@归乡 建议 伪造');
    expect((await post(push, { signature: 'f'.repeat(40) })).status).toBe(401);
    expect((await post(push, { timestamp: Math.floor(bot.clock().getTime() / 1000) - 3600 })).status).toBe(401);
    const bad = await bot.app.request(`/webhook/wecom?${new URLSearchParams({ msg_signature: 'x', timestamp: '1', nonce: 'n' })}`, { method: 'POST', body: '{"encrypt":""}' });
    expect(bad.status).toBe(400);
    expect(await bot.store.db.select().from(processedEvents).where(eq(processedEvents.platform, 'wecom'))).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('dead-letters what has no response_url (a scheduled or private message) with the reason, instead of leaving it pending', async () => {
    await post(textPush('msg-2', 'zhangweidong', '@归乡 帮助'));
    expect(calls).toHaveLength(1);
    // A second message to the same chat has no response_url left.
    await bot.store.db.insert(outbox).values({
      key: 'test:later',
      platform: 'wecom',
      chatId: GROUP,
      threadId: null,
      payload: JSON.stringify({ text: '会议提醒' }),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      createdAt: bot.clock().getTime(),
    } as never);
    await bot.dispatcher.drain('wecom');
    const [row] = await bot.store.db.select({ state: outbox.state, lastError: outbox.lastError }).from(outbox).where(eq(outbox.key, 'test:later'));
    expect(row).toEqual({ state: 'dead', lastError: expect.stringContaining('no response_url') });
    expect(calls).toHaveLength(1);
  });
});
