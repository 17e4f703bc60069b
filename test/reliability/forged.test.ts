import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { VERIFICATION_TOKEN } from '../lark/support.js';
import { reliabilityBot, type ReliabilityBot } from './support/bot.js';
import { larkSuggestEvent, signedLarkRequest, suggestUpdate, telegramHeaders } from './support/payloads.js';

const SHAPE = { cadres: 20, villages: 4 };
let fake: FakeOpenApi;
let bot: ReliabilityBot;

beforeAll(async () => {
  fake = await startFakeOpenApi();
  // Both Feishu checks on: events are encrypted and signed, and carry the verification token.
  bot = await reliabilityBot({ shape: SHAPE, lark: fake, env: { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN } });
});
afterAll(async () => {
  await bot.store.close();
  await fake.close();
});

const nothingWritten = () => ({
  records: bot.count('records'),
  processed: bot.count('processed_events'),
  outbox: bot.count('outbox'),
  chatsSeen: bot.count('chats', 'updated_at > 1767312000000'),
});

async function postLark(req: { body: string; headers: Record<string, string> }) {
  const res = await bot.app.request('/webhook/lark', { method: 'POST', headers: req.headers, body: req.body });
  await bot.settle();
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('forged requests are refused and leave no trace', () => {
  it('Telegram: a wrong, missing or near-miss secret token', async () => {
    const body = JSON.stringify(suggestUpdate(1, SHAPE));
    const right = telegramHeaders()['X-Telegram-Bot-Api-Secret-Token']!;
    for (const secret of ['guessed-secret', '', right.toUpperCase(), `${right}x`, right.slice(0, -1)]) {
      const res = await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(secret), body });
      expect(res.status, `secret ${JSON.stringify(secret)}`).toBe(401);
    }
    const none = await bot.app.request('/webhook/telegram', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    await bot.settle();
    expect(nothingWritten()).toEqual({ records: 0, processed: 0, outbox: 0, chatsSeen: 0 });
    expect(bot.telegramApi.calls).toEqual([]);
  });

  it('Feishu: a wrong signature, a body changed after signing, a stale or replayed timestamp, a wrong token, another app', async () => {
    const now = bot.clock().getTime();
    const event = larkSuggestEvent(2, SHAPE);

    const wrongSignature = signedLarkRequest(event, now);
    wrongSignature.headers['x-lark-signature'] = '0'.repeat(64);
    expect(await postLark(wrongSignature)).toEqual({ status: 401, json: { error: 'bad signature' } });

    const tampered = signedLarkRequest(event, now);
    tampered.body = tampered.body.replace(/"\}$/u, 'A"}');
    expect((await postLark(tampered)).status).toBe(401);

    const signedWithAnotherKey = signedLarkRequest(event, now, { encryptKey: 'someone-elses-key' });
    expect(await postLark(signedWithAnotherKey)).toEqual({ status: 401, json: { error: 'bad signature' } });

    // Captured six minutes ago and replayed now: the signature is genuine, the moment is not.
    const stale = signedLarkRequest(event, now - 6 * 60_000);
    expect(await postLark(stale)).toEqual({ status: 401, json: { error: 'stale timestamp' } });
    const fromTheFuture = signedLarkRequest(event, now + 6 * 60_000);
    expect(await postLark(fromTheFuture)).toEqual({ status: 401, json: { error: 'stale timestamp' } });

    const wrongToken = structuredClone(event);
    wrongToken.header.token = 'guessed-token';
    expect(await postLark(signedLarkRequest(wrongToken, now))).toEqual({ status: 401, json: { error: 'wrong verification token' } });

    const otherApp = structuredClone(event);
    otherApp.header.app_id = 'cli_someone_else';
    expect(await postLark(signedLarkRequest(otherApp, now))).toEqual({ status: 403, json: { error: 'event for another app' } });

    const unsigned = signedLarkRequest(event, now);
    for (const h of ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature']) delete unsigned.headers[h];
    expect(await postLark(unsigned)).toEqual({ status: 401, json: { error: 'unsigned event' } });

    expect(nothingWritten()).toEqual({ records: 0, processed: 0, outbox: 0, chatsSeen: 0 });
    expect(fake.sends()).toEqual([]);
  });

  it('the genuine requests still get through, and a replay of one after five minutes is refused', async () => {
    const now = bot.clock().getTime();
    const genuine = signedLarkRequest(larkSuggestEvent(3, SHAPE), now);
    expect(await postLark(genuine)).toEqual({ status: 200, json: {} });
    const telegram = await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(suggestUpdate(4, SHAPE)) });
    expect(telegram.status).toBe(200);
    await bot.settle();
    expect(bot.count('records')).toBe(2);
    expect(bot.count('processed_events')).toBe(2);

    bot.clock.advance(5 * 60_000 + 1_000);
    expect(await postLark(genuine)).toEqual({ status: 401, json: { error: 'stale timestamp' } });
    expect(bot.count('records')).toBe(2);
    expect(bot.count('processed_events')).toBe(2);
  });
});
