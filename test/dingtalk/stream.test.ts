import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/bot/engine/ports.js';
import type { RobotHandler } from '../../src/bot/platforms/dingtalk/handle.js';
import { reconnectDelayMs, startStream } from '../../src/bot/platforms/dingtalk/stream.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { CLIENT_ID, CLIENT_SECRET, dingtalkTestBot, groupText, processed } from './support.js';

let fake: FakeDingTalk;
beforeAll(async () => {
  fake = await startFakeDingTalk();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const replies = () => fake.sends().map((c) => (c.body.msgParam as { content: string }).content.slice(0, 8));

describe('DingTalk stream mode', () => {
  it('acknowledges a frame only after its event is written, answers a redelivery once, and reconnects', async () => {
    const bot = await dingtalkTestBot(fake, { DINGTALK_MODE: 'stream' });
    const real = bot.dingtalk!.handle;
    const handle: RobotHandler = async (m) => {
      if (m.msgId === 'msgBoom') throw new Error('database is locked');
      return real(m);
    };
    // The SDK's own client, asking the fake gateway (DINGTALK_API_ROOT) for its connection.
    const stream = await startStream({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiRoot: fake.url, handle, logger: silentLogger });
    try {
      await fake.until(() => fake.connections() === 1, 'a connection');
      expect(fake.calls.filter((c) => c.route === 'gateway').map((c) => c.body)).toEqual([
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ua: '', subscriptions: [{ type: 'EVENT', topic: '*' }, { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }] },
      ]);
      fake.push('frame-boom', groupText('msgBoom', '建议 写不进去的'));
      fake.push('frame-1', groupText('msgSt0001', '建议 村里修一条机耕路'));
      await fake.until(() => fake.acks.length > 0, 'an ack');
      // What was committed when the acknowledgement went out: the message, and nothing of the failed one.
      const committedAtAck = processed(bot);
      expect(committedAtAck).toEqual(['msgSt0001']);
      expect(fake.acks).toEqual([{ code: 200, headers: { contentType: 'application/json', messageId: 'frame-1' }, message: 'OK', data: JSON.stringify({ response: {} }) }]);

      // DingTalk sends the same message again in a new frame: acknowledged, nothing more written or sent.
      fake.push('frame-2', groupText('msgSt0001', '建议 村里修一条机耕路'));
      await fake.until(() => fake.acks.length === 2, 'the second ack');
      await bot.settle();
      expect(replies()).toEqual(['已记录 建议#1']);

      fake.dropConnection();
      await fake.until(() => fake.connections() === 2, 'a new connection');
      fake.push('frame-3', groupText('msgSt0002', '建议 修缮村史馆'));
      await fake.until(() => fake.acks.length === 3, 'the third ack');
      await bot.settle();
      expect(processed(bot)).toEqual(['msgSt0001', 'msgSt0002']);
      expect(fake.acks.map((a) => a.headers.messageId)).toEqual(['frame-1', 'frame-2', 'frame-3']);
      expect(replies()).toEqual(['已记录 建议#1', '已记录 建议#2']);
    } finally {
      stream.close();
    }
  }, 30_000);

  it('waits longer after each failed connection, up to a minute', () => {
    expect([1, 2, 3, 6, 7, 20].map((n) => reconnectDelayMs(n, () => 0))).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
    expect(reconnectDelayMs(1, () => 0.999)).toBe(1_999);
  });
});
