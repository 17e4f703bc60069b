import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODIES_IN_FLIGHT } from '../../src/bot/platforms/lark/webhook.js';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { larkRequest, larkTestBot, textEvent } from '../lark/support.js';

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());

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
});
