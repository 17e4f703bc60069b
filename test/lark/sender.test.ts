import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../src/bot/platforms/lark/card.js';
import { escapeCardMarkdown } from '../../src/bot/platforms/lark/escape.js';
import { createPacer } from '../../src/bot/platforms/lark/pacer.js';
import { messageUuid } from '../../src/bot/platforms/lark/sender.js';
import { enqueueStatement, enqueueStatements } from '../../src/db/repo/outbox.js';
import type { OutMessage } from '../../src/domain/types.js';
import { startFakeOpenApi, type FakeOpenApi } from './fake-open-api.js';
import { larkTestBot, type LarkTestBot } from './support.js';

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const to = { platform: 'lark' as const, chatId: 'oc_wenquan', threadId: null };

async function queue(bot: LarkTestBot, key: string, message: Omit<OutMessage, 'to'>) {
  await bot.store.commit(enqueueStatements(bot.store.db, { to, ...message }, key, bot.clock().getTime()));
}

const row = (bot: LarkTestBot, key: string) =>
  bot.store.sqlite.prepare('select state, attempts, next_attempt_at, last_error, sent_message_id from outbox where key = ?').get(key) as Record<string, unknown>;

// biome-ignore lint/suspicious/noExplicitAny: a card is free-form JSON that the assertions walk into
const card = (call: { body: Record<string, unknown> } | undefined) => JSON.parse(call?.body.content as string) as Record<string, any>;

describe('Feishu sender', () => {
  it('renders a titled message with buttons, a chart and mentions as a JSON 2.0 card', async () => {
    const bot = await larkTestBot(fake);
    await queue(bot, 'stats:week-49', {
      title: '本周统计',
      text: '温泉村 *本周* 新增 3 条',
      buttons: [[{ label: '查看清单', value: 'list:suggestion:1' }]],
      chart: { title: '五个一完成率', kind: 'bar', labels: ['温泉村', '文山村'], series: [{ name: '完成率', values: [60, 40] }], unit: '%' },
      mentions: [{ userId: 'ou_zhang', name: '张卫东' }, { userId: 'ou_x"></at><at id=all', name: '坏' }],
    });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [call] = fake.sends();
    expect(call?.body).toMatchObject({ receive_id: 'oc_wenquan', msg_type: 'interactive', uuid: 'stats:week-49' });
    expect(card(call)).toEqual({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: '本周统计' }, template: 'blue' },
      body: {
        elements: [
          { tag: 'markdown', content: '温泉村 &#42;本周&#42; 新增 3 条\n<at id=ou_zhang></at>' },
          {
            tag: 'chart',
            aspect_ratio: '16:9',
            chart_spec: {
              type: 'bar',
              title: { text: '五个一完成率' },
              data: [{ id: 'values', values: [{ label: '温泉村', series: '完成率', value: 60 }, { label: '文山村', series: '完成率', value: 40 }] }],
              xField: 'label',
              yField: 'value',
              seriesField: 'series',
              legends: { visible: false },
              label: { visible: true },
              axes: [{ orient: 'left', title: { visible: true, text: '%' } }],
            },
          },
          {
            tag: 'column_set',
            flex_mode: 'flow',
            horizontal_spacing: '8px',
            columns: [
              {
                tag: 'column',
                width: 'auto',
                elements: [{ tag: 'button', text: { tag: 'plain_text', content: '查看清单' }, type: 'primary', behaviors: [{ type: 'callback', value: 'list:suggestion:1' }] }],
              },
            ],
          },
        ],
      },
    });
    expect(row(bot, 'stats:week-49')).toMatchObject({ state: 'sent', sent_message_id: 'om_sent_1' });
  });

  it('escapes markdown and card tags in card text', () => {
    expect(escapeCardMarkdown('<at id=all></at> [点我](http://x) `code` # 标题\n# 标题')).toBe(
      '&#60;at id=all&#62;&#60;/at&#62; &#91;点我&#93;(http://x) &#96;code&#96; # 标题\n&#35; 标题',
    );
    // Header titles are plain_text, which Feishu shows as typed; only the markdown body is parsed.
    expect(renderCard({ text: '<at id=all></at>', title: '<at id=all></at>' })).toMatchObject({
      header: { title: { tag: 'plain_text', content: '<at id=all></at>' } },
      body: { elements: [{ tag: 'markdown', content: '&#60;at id=all&#62;&#60;/at&#62;' }] },
    });
  });

  it('sends the same words as text when Feishu refuses the card', async () => {
    const bot = await larkTestBot(fake);
    fake.script('create', { status: 400, body: { code: 230099, msg: 'Failed to create card content' } });
    await queue(bot, 'k-card', { title: '会议签到', text: '已签到 2 人', chart: { title: '签到', kind: 'bar', labels: ['已签到', '请假'], series: [{ name: '人数', values: [2, 1] }] } });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [refused, fallback] = fake.sends();
    expect(refused?.body.msg_type).toBe('interactive');
    expect(fallback?.body).toEqual({
      receive_id: 'oc_wenquan',
      msg_type: 'text',
      content: JSON.stringify({ text: '会议签到\n已签到 2 人\n签到\n· 已签到：2\n· 请假：1' }),
      uuid: 'k-card#text',
    });
  });

  it('waits as long as x-ogw-ratelimit-reset says after a 429', async () => {
    const bot = await larkTestBot(fake);
    fake.script('create', { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '37' } });
    await queue(bot, 'k-429', { text: '提醒' });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(row(bot, 'k-429')).toEqual({
      state: 'pending',
      attempts: 1,
      next_attempt_at: bot.clock().getTime() + 37_000,
      last_error: 'lark create failed: HTTP 429 code 99991400 request trigger frequency limit',
      sent_message_id: null,
    });
  });

  it('backs off only the chat that hit its own limit (230020)', async () => {
    const bot = await larkTestBot(fake);
    fake.script('create', { status: 400, body: { code: 230020, msg: 'This chat is sending messages too fast' } });
    await queue(bot, 'k-busy', { text: '一' });
    await bot.store.commit([enqueueStatement(bot.store.db, { to: { ...to, chatId: 'oc_other' }, text: '二' }, 'k-other', bot.clock().getTime())]);
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 1, retried: 1, dead: 0 });
    expect(row(bot, 'k-busy')).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row(bot, 'k-busy').next_attempt_at).toBeGreaterThan(bot.clock().getTime());
    expect(row(bot, 'k-other')).toMatchObject({ state: 'sent' });
  });

  it('fetches a new tenant token when Feishu says it expired, and tries once more', async () => {
    const bot = await larkTestBot(fake);
    await queue(bot, 'k-first', { text: '一' });
    await bot.dispatcher.drain('lark');
    fake.script('create', { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization' } });
    await queue(bot, 'k-second', { text: '二' });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.sends().map((c) => c.authorization)).toEqual(['Bearer t-1', 'Bearer t-1', 'Bearer t-2']);
  });

  it('dead-letters a chat the bot was removed from and marks the chat inactive', async () => {
    const bot = await larkTestBot(fake);
    fake.script('create', { status: 400, body: { code: 230002, msg: 'Bot/User can NOT be out of the chat.' } });
    await queue(bot, 'k-gone', { text: '提醒' });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(bot.store.sqlite.prepare("select active from chats where platform = 'lark' and chat_id = 'oc_wenquan'").get()).toEqual({ active: 0 });
  });

  it('hashes an outbox key too long to be a Feishu uuid, the same way every time', async () => {
    const long = `digest:530403101:${'x'.repeat(60)}`;
    expect(messageUuid(long)).toBe(messageUuid(long));
    expect(messageUuid(long)).toMatch(/^h-[0-9a-f]{40}$/u);
    expect(messageUuid('reminder:会议')).toMatch(/^h-/u);
    expect(messageUuid('lark:abc:0')).toBe('lark:abc:0');
    const bot = await larkTestBot(fake);
    await queue(bot, long, { text: '周报' });
    await bot.dispatcher.drain('lark');
    expect(fake.sends()[0]?.body.uuid).toBe(messageUuid(long));
  });

  it('uploads an attachment and sends it as a file message after the words', async () => {
    const bot = await larkTestBot(fake);
    await queue(bot, 'k-file', { text: '台账已导出', attachment: { fileName: '温泉村台账.xlsx', mime: 'application/vnd.ms-excel', dataBase64: Buffer.from('PK-ledger').toString('base64') } });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [text, upload, file] = fake.sends();
    expect(text?.body).toMatchObject({ msg_type: 'text', uuid: 'k-file' });
    expect(upload?.path).toBe('/open-apis/im/v1/files');
    expect(upload?.body).toEqual({ file_type: 'xls', file_name: '温泉村台账.xlsx', file: expect.objectContaining({ size: 9, text: 'PK-ledger' }) });
    const fileKey = JSON.parse(file?.body.content as string) as { file_key: string };
    expect(file?.body).toMatchObject({ msg_type: 'file', uuid: 'k-file#file', receive_id: 'oc_wenquan' });
    expect(fileKey.file_key).toMatch(/^file_v3_/u);
    expect(row(bot, 'k-file')).toMatchObject({ state: 'sent', sent_message_id: 'om_sent_1' });
  });

  it('updates a card in place when a later message edits it', async () => {
    const bot = await larkTestBot(fake);
    await queue(bot, 'meeting:7:card', { title: '村民代表会议', text: '已签到：张卫东', buttons: [[{ label: '签到', value: 'signin:7' }]] });
    await bot.dispatcher.drain('lark');
    await queue(bot, 'meeting:7:card:2', { title: '村民代表会议', text: '已签到：张卫东、王海', buttons: [[{ label: '签到', value: 'signin:7' }]], editOf: 'meeting:7:card' });
    expect(await bot.dispatcher.drain('lark')).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [, patch] = fake.sends();
    expect(patch).toMatchObject({ method: 'PATCH', path: '/open-apis/im/v1/messages/om_sent_1' });
    expect(card(patch).body.elements[0]).toEqual({ tag: 'markdown', content: '已签到：张卫东、王海' });
    expect(row(bot, 'meeting:7:card:2')).toMatchObject({ state: 'sent', sent_message_id: 'om_sent_1' });
  });

  it('sends a new card when the old one can no longer be patched', async () => {
    const bot = await larkTestBot(fake);
    await queue(bot, 'm:1', { title: '签到', text: '一人' });
    await bot.dispatcher.drain('lark');
    fake.script('patch', { status: 400, body: { code: 230031, msg: 'The message is too old to update' } });
    await queue(bot, 'm:2', { title: '签到', text: '两人', editOf: 'm:1' });
    await bot.dispatcher.drain('lark');
    expect(fake.sends().map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /open-apis/im/v1/messages',
      'PATCH /open-apis/im/v1/messages/om_sent_1',
      'POST /open-apis/im/v1/messages',
    ]);
    expect(row(bot, 'm:2')).toMatchObject({ state: 'sent', sent_message_id: 'om_sent_2' });
  });
});

describe('per-chat pacer', () => {
  it('spaces one chat’s sends and leaves other chats alone', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = createPacer({ intervalMs: 250, now: () => now, sleep: async (ms) => void slept.push(ms) });
    await pacer.wait('a');
    await pacer.wait('a');
    await pacer.wait('a');
    await pacer.wait('b');
    expect(slept).toEqual([250, 500]);
    now = 2_000;
    pacer.penalize('a', 2_000);
    await pacer.wait('a');
    expect(slept).toEqual([250, 500, 2_000]);
  });
});
