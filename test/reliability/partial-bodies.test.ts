import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNVERIFIED_IN_FLIGHT } from '../../src/bot/engine/http/body.js';
import { MAX_BODIES_IN_FLIGHT } from '../../src/bot/platforms/lark/webhook.js';
import { startFakeDingTalk } from '../dingtalk/fake-open-api.js';
import { dingtalkTestBot, fixture as dingtalkFixture, signedRequest } from '../dingtalk/support.js';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { larkRequest, larkTestBot, textEvent } from '../lark/support.js';
import { AES_KEY, signedPush, textPush, TOKEN, wecomTestBot } from '../wecom/support.js';

let fake: FakeOpenApi;
let dingtalk: Awaited<ReturnType<typeof startFakeDingTalk>>;
beforeAll(async () => {
  fake = await startFakeOpenApi();
  dingtalk = await startFakeDingTalk();
});
afterAll(async () => {
  await fake.close();
  await dingtalk.close();
});

/** A body that sends some bytes and then nothing more, the way a slow or hostile client does. */
function stalledBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"encrypt":"'.padEnd(1024, 'A')));
    },
  });
}

describe('unverified partial bodies are bounded in count and time', () => {
  it(`past ${MAX_BODIES_IN_FLIGHT} bodies in flight Feishu gets 503 (and retries); stalled bodies are dropped after 10 s, then events get through`, async () => {
    const bot = await larkTestBot(fake);
    const stalled = Array.from({ length: MAX_BODIES_IN_FLIGHT }, () =>
      bot.app.request('/webhook/lark', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stalledBody(), duplex: 'half' } as RequestInit),
    );
    await new Promise((r) => setTimeout(r, 50));
    const event = textEvent('evt-after-stall', 'ou_zhang', '建议 村口安装路灯');
    const refused = await bot.app.request('/webhook/lark', larkRequest(bot, event));
    expect(refused.status).toBe(503);
    expect(bot.store.sqlite.prepare('select count(*) as n from processed_events').get()).toEqual({ n: 0 });

    const answers = await Promise.all(stalled);
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([408]));
    const retried = await bot.app.request('/webhook/lark', larkRequest(bot, event));
    expect(retried.status).toBe(200);
    expect(bot.store.sqlite.prepare("select text from records where event_id = 'evt-after-stall'").all()).toEqual([{ text: '村口安装路灯' }]);
  }, 30_000);

  // WeCom signs the encrypted body, so it too is read before it can be checked; DingTalk's sign
  // header covers only a timestamp, valid for an hour, so a copied one could hold bodies as well.
  // Before, both read any number of bodies, each without a deadline.
  async function stalledThenRefusedThenAnswered(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, path: string, stalledInit: () => RequestInit, genuine: () => { path: string; init: RequestInit }) {
    const stalled = Array.from({ length: UNVERIFIED_IN_FLIGHT }, () => app.request(path, { ...stalledInit(), body: stalledBody(), duplex: 'half' } as RequestInit));
    await new Promise((r) => setTimeout(r, 50));
    const first = genuine();
    const refused = await app.request(first.path, first.init);
    expect(refused.status).toBe(503);
    const answers = await Promise.all(stalled);
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([408]));
    const again = genuine();
    return app.request(again.path, again.init);
  }

  it(`WeCom: past ${UNVERIFIED_IN_FLIGHT} bodies in flight a push gets 503; stalled bodies are dropped after 10 s, then the push is recorded`, async () => {
    const bot = await wecomTestBot({ WECOM_MODE: 'webhook', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES_KEY });
    const push = textPush('msg-after-stall', 'zhangweidong', '@归乡 建议 村口安装路灯');
    const genuine = () => signedPush(push, bot.clock().getTime());
    const retried = await stalledThenRefusedThenAnswered(bot.app, '/webhook/wecom', () => ({ method: 'POST', headers: { 'content-type': 'application/json' } }), genuine);
    expect(retried.status).toBe(200);
    await bot.settle();
    expect(bot.store.sqlite.prepare("select text from records where platform = 'wecom'").all()).toEqual([{ text: '村口安装路灯' }]);
  }, 30_000);

  it(`DingTalk: past ${UNVERIFIED_IN_FLIGHT} bodies in flight a message gets 503; stalled bodies are dropped after 10 s, then the message is answered`, async () => {
    const bot = await dingtalkTestBot(dingtalk);
    const now = bot.clock().getTime();
    const genuine = () => ({ path: '/webhook/dingtalk', init: signedRequest(dingtalkFixture('group-text'), now) });
    const { body: _body, ...headersOnly } = signedRequest({}, now);
    const retried = await stalledThenRefusedThenAnswered(bot.app, '/webhook/dingtalk', () => headersOnly, genuine);
    expect(retried.status).toBe(200);
    await bot.settle();
    expect(bot.store.sqlite.prepare("select event_id from processed_events where platform = 'dingtalk'").all()).toEqual([{ event_id: 'msgWq0001' }]);
  }, 30_000);
});
