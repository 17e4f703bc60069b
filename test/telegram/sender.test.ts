import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { silentLogger, type Envelope } from '../../src/bot/engine/ports.js';
import { escapeHtml, renderParts, splitOnLines } from '../../src/bot/platforms/telegram/html.js';
import { createTelegramSender } from '../../src/bot/platforms/telegram/sender.js';
import type { StoredPayload } from '../../src/db/repo/outbox.js';
import { PlatformError } from '../../src/domain/errors.js';
import type { ChartSpec } from '../../src/domain/types.js';
import { fakeBotApi } from './support/fake-bot-api.js';

const GROUP = '-1001234567890';

function setup(options: { renderChart?: (spec: ChartSpec) => Promise<Uint8Array> } = {}) {
  const fake = fakeBotApi();
  const api = new Api('123456:TEST-token-not-real', { apiRoot: 'https://bot-api.test', fetch: fake.fetch });
  const waits: number[] = [];
  const sender = createTelegramSender({
    api,
    logger: silentLogger,
    sleep: async (ms) => void waits.push(ms),
    ...(options.renderChart ? { renderChart: options.renderChart } : {}),
  });
  const envelope = (payload: StoredPayload, threadId: string | null = null): Envelope => ({
    key: 'k1',
    to: { platform: 'telegram', chatId: GROUP, threadId },
    payload,
    attempt: 1,
  });
  return { fake, sender, envelope, waits };
}

describe('Telegram HTML', () => {
  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml('建议#3 <b>加粗</b> & "引号"')).toBe('建议#3 &lt;b&gt;加粗&lt;/b&gt; &amp; &quot;引号&quot;');
  });

  it('splits on line boundaries, and cuts a line longer than a part without breaking a character pair', () => {
    expect(splitOnLines('aaa\nbbb\nccc', 7, 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitOnLines('abcdefghij', 4, 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitOnLines('ab😀cd', 3, 3)).toEqual(['ab', '😀c', 'd']);
    expect(splitOnLines('a\n\n\n\nb', 2, 2)).toEqual(['a', 'b']);
  });

  it('puts the heading and the mentions at the head of the first part', () => {
    const parts = renderParts({ text: '请尽快提交走访记录', title: '本周<提醒>', mentions: [{ userId: '1001', name: '张<卫东>' }, { userId: 'ou_x', name: '王海' }] });
    expect(parts).toEqual(['<b>本周&lt;提醒&gt;</b>\n<a href="tg://user?id=1001">张&lt;卫东&gt;</a> @王海\n请尽快提交走访记录']);
  });
});

describe('the Telegram sender', () => {
  it('sends people\'s words as text, never as markup', async () => {
    const { fake, sender, envelope } = setup();
    await sender.send(envelope({ text: '已记录 建议#1：<script>alert(1)</script> & 修路' }));
    expect(fake.calls[0]!.payload.text).toBe('已记录 建议#1：&lt;script&gt;alert(1)&lt;/script&gt; &amp; 修路');
  });

  it('splits a text over 4,096 characters into messages on line boundaries; quote first, keyboard last', async () => {
    const { fake, sender, envelope } = setup();
    const line = '建议#12 [待审核] 村口道路需要硬化，雨天泥泞难行 —张卫东 12-01';
    const lines = Array.from({ length: 200 }, (_, i) => `${i + 1}. ${line}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(4096 * 2);
    const result = await sender.send(envelope({ text, replyTo: '51', buttons: [[{ label: '下一页', value: 'list:suggestion:2' }]] }));

    const sent = fake.callsOf('sendMessage');
    expect(sent.length).toBe(Math.ceil(text.length / 4096));
    const texts = sent.map((c) => String(c.payload.text));
    expect(texts.join('\n')).toBe(text);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(4096);
      expect(lines).toContain(t.split('\n')[0]);
    }
    expect(sent.map((c) => 'reply_parameters' in c.payload)).toEqual(sent.map((_, i) => i === 0));
    expect(sent.map((c) => 'reply_markup' in c.payload)).toEqual(sent.map((_, i) => i === sent.length - 1));
    expect(result).toEqual({ messageId: String(1000 + sent.length) });
  });

  it('waits out a 429 on a later part in place, so the earlier part is not sent twice', async () => {
    const { fake, sender, envelope, waits } = setup();
    const text = `${'一'.repeat(4000)}\n${'二'.repeat(100)}`;
    fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }, 1, 1);
    await sender.send(envelope({ text }));
    expect(fake.calls.map((c) => String(c.payload.text).slice(0, 1))).toEqual(['一', '二', '二']);
    expect(waits).toEqual([3000]);

    // A first part that meets the limit is the outbox's to retry: nothing went out yet.
    fake.clear();
    fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    await expect(sender.send(envelope({ text }))).rejects.toMatchObject({ retryAfterMs: 3000, retryable: true });
    expect(fake.calls).toHaveLength(1);
  });

  it('says how many parts were out when a later part fails, and a retry starts after them', async () => {
    const { fake, sender, envelope } = setup();
    const text = `${'一'.repeat(4000)}\n${'二'.repeat(4000)}\n${'三'.repeat(100)}`;
    const payload: StoredPayload = { text, buttons: [[{ label: '采纳', value: 'review:1:adopt' }]], replyTo: '77' };
    fake.fail('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 1, 1);
    const failure = (await sender.send(envelope(payload)).catch((e: unknown) => e)) as PlatformError;
    expect(failure).toBeInstanceOf(PlatformError);
    expect(failure).toMatchObject({ retryable: true, partsSent: 1, status: 500 });

    const retried = await sender.send({ ...envelope(payload), attempt: 2, partsSent: failure.partsSent! });
    const texts = fake.callsOf('sendMessage').map((c) => String(c.payload.text).slice(0, 1));
    // 二 failed once and was sent again; 一 went out once, never repeated.
    expect(texts).toEqual(['一', '二', '二', '三']);
    const calls = fake.callsOf('sendMessage');
    expect(calls[0]!.payload.reply_parameters).toMatchObject({ message_id: 77 });
    expect(calls[2]!.payload.reply_parameters).toBeUndefined();
    expect(calls[3]!.payload.reply_markup).toBeDefined();
    // The keyboard's message, the last part, is the one a later edit would change.
    expect(retried.messageId).toBe('1003');
  });

  it('counts the file as the first part when the text goes under it, and does not upload it again', async () => {
    const { fake, sender, envelope } = setup();
    const attachment = { fileName: '台账.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: Buffer.from('xlsx').toString('base64') };
    const payload: StoredPayload = { text: `${'一'.repeat(4000)}\n${'二'.repeat(100)}`, attachment };
    fake.fail('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 1, 1);
    const failure = (await sender.send(envelope(payload)).catch((e: unknown) => e)) as PlatformError;
    expect(failure.partsSent).toBe(2);
    await sender.send({ ...envelope(payload), attempt: 2, partsSent: 2 });
    expect(fake.sends().map((c) => (c.method === 'sendDocument' ? 'file' : String(c.payload.text).slice(0, 1)))).toEqual(['file', '一', '二', '二']);
  });

  it('turns buttons into an inline keyboard and refuses callback data over 64 bytes', async () => {
    const { fake, sender, envelope } = setup();
    await sender.send(envelope({ text: '请选择', buttons: [[{ label: '1. 温泉村', value: 'bind:530403101208:' }], [{ label: '2. 文山村', value: 'bind:530426201204:' }]] }));
    expect(fake.calls[0]!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: '1. 温泉村', callback_data: 'bind:530403101208:' }], [{ text: '2. 文山村', callback_data: 'bind:530426201204:' }]],
    });
    const long = '签到'.repeat(11); // 66 bytes in UTF-8
    await expect(sender.send(envelope({ text: 'x', buttons: [[{ label: 'x', value: long }]] }))).rejects.toBeInstanceOf(PlatformError);
    expect(fake.calls).toHaveLength(1);
  });

  it('sends to the forum topic of the chat', async () => {
    const { fake, sender, envelope } = setup();
    await sender.send(envelope({ text: '提醒' }, '42'));
    expect(fake.calls[0]!.payload).toMatchObject({ chat_id: GROUP, message_thread_id: 42 });
  });

  it('uploads an attachment with sendDocument, the text as its caption', async () => {
    const { fake, sender, envelope } = setup();
    const bytes = Buffer.from('PK\u0003\u0004 ledger bytes \u00ff');
    await sender.send(envelope({ text: '温泉村台账 <12月>', attachment: { fileName: '温泉村台账.xlsx', mime: 'application/vnd.ms-excel', dataBase64: bytes.toString('base64') } }));
    const [call] = fake.calls;
    expect(call!.method).toBe('sendDocument');
    expect(call!.payload).toMatchObject({ chat_id: GROUP, caption: '温泉村台账 &lt;12月&gt;', parse_mode: 'HTML' });
    expect(call!.payload.document).toEqual({ fileName: '温泉村台账.xlsx', bytes });
  });

  it('sends a drawn chart with sendPhoto and the text as caption; without a renderer, the text alone', async () => {
    const chart: ChartSpec = { title: '五个一完成率', kind: 'bar', labels: ['温泉村'], series: [{ name: '完成率', values: [60] }], unit: '%' };
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const drawn = setup({ renderChart: async () => png });
    await drawn.sender.send(drawn.envelope({ text: '温泉村 60%', chart }));
    expect(drawn.fake.calls.map((c) => c.method)).toEqual(['sendPhoto']);
    expect(drawn.fake.calls[0]!.payload).toMatchObject({ caption: '温泉村 60%', photo: { fileName: 'chart.png', bytes: Buffer.from(png) } });

    const plain = setup();
    await plain.sender.send(plain.envelope({ text: '温泉村 60%', chart }));
    expect(plain.fake.calls.map((c) => [c.method, c.payload.text])).toEqual([['sendMessage', '温泉村 60%']]);
  });

  it('edits in place; an unchanged text is fine, a message gone is sent anew', async () => {
    const { fake, sender, envelope } = setup();
    expect(await sender.edit!(envelope({ text: '签到 1 人' }), '77')).toEqual({ messageId: '77' });
    fake.fail('editMessageText', { error_code: 400, description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same' });
    expect(await sender.edit!(envelope({ text: '签到 1 人' }), '77')).toEqual({ messageId: '77' });
    fake.fail('editMessageText', { error_code: 400, description: 'Bad Request: message to edit not found' });
    expect(await sender.edit!(envelope({ text: '签到 2 人' }), '78')).toEqual({ messageId: '1001' });
    expect(fake.calls.map((c) => c.method)).toEqual(['editMessageText', 'editMessageText', 'editMessageText', 'sendMessage']);
  });

  it('maps Bot API refusals to what the outbox does next', async () => {
    const { fake, sender, envelope } = setup();
    fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    fake.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
    fake.fail('sendMessage', { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1009 } });
    fake.fail('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const errors: PlatformError[] = [];
    for (let i = 0; i < 4; i++) errors.push(await sender.send(envelope({ text: 'x' })).then(() => { throw new Error('sent'); }, (e: PlatformError) => e));
    expect(errors.map((e) => ({ status: e.status, retryable: e.retryable, retryAfterMs: e.retryAfterMs, migratedTo: e.migratedTo }))).toEqual([
      { status: 429, retryable: true, retryAfterMs: 7000, migratedTo: null },
      { status: 403, retryable: false, retryAfterMs: null, migratedTo: null },
      { status: 400, retryable: true, retryAfterMs: null, migratedTo: '-1009' },
      { status: 502, retryable: true, retryAfterMs: null, migratedTo: null },
    ]);
    expect(errors.every((e) => !e.message.includes('TEST-token'))).toBe(true);
  });
});
