import type { LarkAdapter } from '../../src/bot/platforms/lark/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decryptEvent, encryptEvent } from '../../src/bot/platforms/lark/crypto.js';
import { startFakeOpenApi, type FakeOpenApi } from './fake-open-api.js';
import { deliver, ENCRYPT_KEY, fixture, larkTestBot, textEvent, type LarkTestBot } from './support.js';

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const rows = (bot: LarkTestBot, sql: string, ...params: unknown[]) => bot.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
const processed = (bot: LarkTestBot) => rows(bot, "select event_id from processed_events where platform = 'lark'").map((r) => r.event_id);
const outbox = (bot: LarkTestBot) => rows(bot, "select key, chat_id, state, payload, sent_message_id from outbox where platform = 'lark' order by id");

describe('Feishu encryption', () => {
  it('decrypts the test vector from the Feishu docs', () => {
    expect(decryptEvent('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('round-trips what Feishu would encrypt', () => {
    const iv = Buffer.alloc(16, 7);
    expect(decryptEvent(ENCRYPT_KEY, encryptEvent(ENCRYPT_KEY, '{"a":"温泉村"}', iv))).toBe('{"a":"温泉村"}');
  });
});

describe('POST /webhook/lark — challenge', () => {
  it('echoes a plain challenge when the verification token matches', async () => {
    const bot = await larkTestBot(fake, 'token');
    const r = await deliver(bot, fixture('url-verification'));
    expect(r).toEqual({ status: 200, json: { challenge: 'ajls384kdjx98XX' } });
  });

  it('refuses a plain challenge with the wrong token', async () => {
    const bot = await larkTestBot(fake, 'token');
    const r = await deliver(bot, { ...fixture<Record<string, unknown>>('url-verification'), token: 'guessed' });
    expect(r.status).toBe(401);
    expect(r.json).not.toHaveProperty('challenge');
  });

  it('decrypts an encrypted challenge and answers it in plain JSON', async () => {
    const bot = await larkTestBot(fake, 'encrypted');
    const body = JSON.stringify({ encrypt: encryptEvent(ENCRYPT_KEY, JSON.stringify(fixture('url-verification'))) });
    const res = await bot.app.request('/webhook/lark', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ajls384kdjx98XX' });
  });

  it('refuses a challenge encrypted with another key', async () => {
    const bot = await larkTestBot(fake, 'encrypted');
    const body = JSON.stringify({ encrypt: encryptEvent('someone else', JSON.stringify(fixture('url-verification'))) });
    const res = await bot.app.request('/webhook/lark', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
  });
});

describe('POST /webhook/lark — messages', () => {
  it('records a suggestion sent in a group with the bot mentioned, and replies to it', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('message-group-mention'));
    expect(r).toEqual({ status: 200, json: {} });

    const records = rows(bot, 'select kind, seq, person_id, region_code, text, platform, chat_id, event_id from records');
    expect(records).toEqual([
      {
        kind: 'suggestion',
        seq: 1,
        person_id: 'demo-cadre-zhang',
        region_code: '530403101208',
        text: '请 @王海 看看村口道路硬化',
        platform: 'lark',
        chat_id: 'oc_wenquan',
        event_id: '5e3702a84e847582be8db7fb73283c02',
      },
    ]);
    expect(processed(bot)).toEqual(['5e3702a84e847582be8db7fb73283c02']);

    const expected = '已记录 建议#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ✅中肯建议 ⬜为民实事 ⬜村规民约';
    expect(fake.sends()).toEqual([
      {
        method: 'POST',
        path: '/open-apis/im/v1/messages/om_group_1/reply',
        query: {},
        authorization: 'Bearer t-1',
        body: { msg_type: 'text', content: JSON.stringify({ text: expected }), uuid: 'lark:5e3702a84e847582be8db7fb73283c02:0' },
      },
    ]);
    expect(outbox(bot)).toEqual([
      {
        key: 'lark:5e3702a84e847582be8db7fb73283c02:0',
        chat_id: 'oc_wenquan',
        state: 'sent',
        payload: JSON.stringify({ text: expected, replyTo: 'om_group_1' }),
        sent_message_id: 'om_sent_1',
      },
    ]);
  });

  it('still drops its own mention when Feishu cannot say who the bot is', async () => {
    const bot = await larkTestBot(fake);
    fake.script('bot-info', { status: 500, body: { code: 1, msg: 'internal error' } });
    const body = fixture('message-group-mention');
    body.event.message.mentions[0].mentioned_type = 'bot';
    body.event.message.mentions[1].mentioned_type = 'user';
    expect((await deliver(bot, body)).status).toBe(200);
    expect(rows(bot, 'select text from records')).toEqual([{ text: '请 @王海 看看村口道路硬化' }]);
  });

  it('handles a redelivered event (same event_id) once', async () => {
    const bot = await larkTestBot(fake);
    await deliver(bot, fixture('message-group-mention'));
    const again = await deliver(bot, fixture('message-group-mention'));
    expect(again).toEqual({ status: 200, json: {} });
    expect(rows(bot, 'select count(*) as n from records')).toEqual([{ n: 1 }]);
    expect(fake.sends()).toHaveLength(1);
  });

  it('reads a post (rich text) with an image as a deed with evidence', async () => {
    const bot = await larkTestBot(fake);
    await deliver(bot, fixture('message-post'));
    expect(rows(bot, 'select kind, text, evidence from records')).toEqual([
      { kind: 'deed', text: '帮李大爷修好了水管', evidence: JSON.stringify([{ kind: 'photo', fileId: 'img_v3_0abc' }]) },
    ]);
  });

  it('answers a private message from someone it does not know yet', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('message-p2p'));
    expect(r.status).toBe(200);
    const [send] = fake.sends();
    expect(send?.path).toBe('/open-apis/im/v1/messages/om_p2p_1/reply');
    const text = (JSON.parse(send?.body.content as string) as { text: string }).text;
    expect(text.split('\n')[0]).toBe('归乡 · 干部规划家乡行动助手');
    expect(text).toContain('· 登记 <姓名> [手机尾号4位] — 在村群登记为回乡干部'.replace(/</gu, '＜').replace(/>/gu, '＞'));
    expect(rows(bot, "select chat_id, type from chats where platform = 'lark' and chat_id = 'oc_p2p_newcomer'")).toEqual([
      { chat_id: 'oc_p2p_newcomer', type: 'private' },
    ]);
  });

  it('keeps group chatter that is no command to itself', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, textEvent('evt-chatter', 'ou_zhang', '大家早上好'));
    expect(r).toEqual({ status: 200, json: {} });
    expect(fake.sends()).toEqual([]);
    expect(processed(bot)).toEqual([]);
  });

  it('escapes what people typed so it cannot mention everyone', async () => {
    const bot = await larkTestBot(fake);
    await deliver(bot, textEvent('evt-inject', 'ou_zhang', '建议 <at user_id="all"></at> 修路'));
    expect(rows(bot, 'select text from records')).toEqual([{ text: '<at user_id="all"></at> 修路' }]);
    const list = await deliver(bot, textEvent('evt-list', 'ou_zhang', '清单 建议'));
    expect(list.status).toBe(200);
    const sent = fake.sends().map((c) => c.body.content as string).join('\n');
    expect(sent).not.toContain('<at');
    expect(sent).toContain('＜at user_id=\\"all\\"＞＜/at＞ 修路');
  });
});

describe('POST /webhook/lark — cards', () => {
  it('sends a join request as a card whose button press approves it, answered with a toast', async () => {
    const bot = await larkTestBot(fake);
    await deliver(bot, textEvent('evt-join', 'ou_newcomer', '登记 赵六'));
    const notice = fake.sends().find((c) => c.body.msg_type === 'interactive');
    const card = JSON.parse(notice?.body.content as string) as { schema: string; body: { elements: { tag: string; columns?: { elements: { behaviors: unknown[] }[] }[] }[] } };
    expect(card.schema).toBe('2.0');
    const buttons = card.body.elements.find((e) => e.tag === 'column_set')?.columns?.map((c) => c.elements[0]?.behaviors);
    expect(buttons).toEqual([[{ type: 'callback', value: 'approve:1' }], [{ type: 'callback', value: 'reject:1' }]]);

    const click = await deliver(bot, fixture('card-action'));
    expect(click).toEqual({ status: 200, json: { toast: { type: 'info', content: '好的' } } });
    expect(rows(bot, 'select id, name, status, decided_by from join_requests')).toEqual([{ id: 1, name: '赵六', status: 'approved', decided_by: 'demo-leader' }]);
    expect(processed(bot)).toContain('f7984f25108f8137722bb63cee927e66');
  });

  it('answers a press of a button it does not know with a toast and records nothing', async () => {
    const bot = await larkTestBot(fake);
    const body = fixture('card-action');
    body.event.action.value = 'nonsense:1';
    const r = await deliver(bot, body);
    expect(r).toEqual({ status: 200, json: { toast: { type: 'info', content: '这个按钮已过期，请重新发送命令。' } } });
    expect(processed(bot)).toEqual([]);
    expect(fake.sends()).toEqual([]);
  });

  it('takes a submitted form as the message it spells out', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('form-submit'));
    expect(r).toEqual({ status: 200, json: { toast: { type: 'info', content: '已提交' } } });
    expect(rows(bot, 'select kind, person_id, text from records')).toEqual([{ kind: 'visit', person_id: 'demo-cadre-zhang', text: '走访了村东头三户农户' }]);
    const [send] = fake.sends();
    expect(send?.path).toBe('/open-apis/im/v1/messages/om_form_1/reply');
  });
});

describe('POST /webhook/lark — membership', () => {
  it('greets a group it was added to and marks it inactive when removed', async () => {
    const bot = await larkTestBot(fake);
    const added = await deliver(bot, fixture('bot-added'));
    expect(added).toEqual({ status: 200, json: {} });
    const [greeting] = fake.sends();
    expect(greeting).toMatchObject({ path: '/open-apis/im/v1/messages', query: { receive_id_type: 'chat_id' } });
    expect(greeting?.body).toMatchObject({ receive_id: 'oc_newgroup', msg_type: 'text', uuid: 'lark:2d9b5a0e6c7f4e1a8b3c9d0e1f2a3b4c:0' });
    expect((JSON.parse(greeting?.body.content as string) as { text: string }).text).toMatch(/^大家好，我是“归乡”/u);
    expect(rows(bot, "select type, active from chats where chat_id = 'oc_newgroup'")).toEqual([{ type: 'group', active: 1 }]);

    const removed = await deliver(bot, fixture('bot-deleted'));
    expect(removed).toEqual({ status: 200, json: {} });
    expect(rows(bot, "select active from chats where chat_id = 'oc_newgroup'")).toEqual([{ active: 0 }]);
    expect(fake.sends()).toHaveLength(1);
  });
});

describe('POST /webhook/lark — refusals', () => {
  const nothingHappened = (bot: LarkTestBot) => {
    expect(processed(bot)).toEqual([]);
    expect(outbox(bot)).toEqual([]);
    expect(fake.sends()).toEqual([]);
  };

  it('refuses a body changed after signing', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('message-group-mention'), {
      // Another event, validly encrypted, under the signature of the original delivery.
      tamper: () => JSON.stringify({ encrypt: encryptEvent(ENCRYPT_KEY, JSON.stringify(textEvent('evt-forged', 'ou_zhang', '建议 伪造'))) }),
    });
    expect(r.status).toBe(401);
    nothingHappened(bot);
  });

  it('refuses a wrong signature', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('message-group-mention'), { signature: 'a'.repeat(64) });
    expect(r.status).toBe(401);
    nothingHappened(bot);
  });

  it('refuses a signed request older than five minutes (a replay)', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('message-group-mention'), { timestamp: Math.floor(bot.clock().getTime() / 1000) - 301 });
    expect(r.status).toBe(401);
    nothingHappened(bot);
    const fresh = await deliver(bot, fixture('message-group-mention'), { timestamp: Math.floor(bot.clock().getTime() / 1000) - 299 });
    expect(fresh.status).toBe(200);
  });

  it('refuses an unencrypted event when an encrypt key is set', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('message-group-mention'), { plain: true });
    expect(r.status).toBe(400);
    nothingHappened(bot);
  });

  it('refuses a plain event with the wrong verification token', async () => {
    const bot = await larkTestBot(fake, 'token');
    const body = fixture('message-group-mention');
    body.header.token = 'not-the-token';
    const r = await deliver(bot, body);
    expect(r.status).toBe(401);
    nothingHappened(bot);
  });

  it('accepts a plain event with the right verification token', async () => {
    const bot = await larkTestBot(fake, 'token');
    const r = await deliver(bot, fixture('message-group-mention'));
    expect(r.status).toBe(200);
    expect(processed(bot)).toEqual(['5e3702a84e847582be8db7fb73283c02']);
  });

  it('refuses an event addressed to another app', async () => {
    const bot = await larkTestBot(fake);
    const body = fixture('message-group-mention');
    body.header.app_id = 'cli_0000000000000000';
    const r = await deliver(bot, body);
    expect(r.status).toBe(403);
    nothingHappened(bot);
  });

  it('refuses malformed bodies with 400', async () => {
    const bot = await larkTestBot(fake, 'token');
    const broken = await bot.app.request('/webhook/lark', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"schema":' });
    expect(broken.status).toBe(400);
    const body = fixture('message-group-mention');
    delete body.header.event_id;
    expect((await deliver(bot, body)).status).toBe(400);
    nothingHappened(bot);
  });

  it('answers 200 to an event type it does not handle and records nothing', async () => {
    const bot = await larkTestBot(fake);
    const r = await deliver(bot, fixture('unknown-event'));
    expect(r).toEqual({ status: 200, json: {} });
    nothingHappened(bot);
  });

  it('handles an event as the long connection delivers it (plain, no headers) with the same handlers', async () => {
    const bot = await larkTestBot(fake, 'token', { LARK_MODE: 'ws' });
    const answer = await (bot.adapters.get('lark') as LarkAdapter).dispatcher.invoke(fixture('message-group-mention'), { needCheck: false });
    await bot.settle();
    expect(answer).toEqual({});
    expect(rows(bot, 'select kind, text from records')).toEqual([{ kind: 'suggestion', text: '请 @王海 看看村口道路硬化' }]);
    expect(fake.sends()).toHaveLength(1);
    const click = await (bot.adapters.get('lark') as LarkAdapter).dispatcher.invoke(fixture('card-action'), { needCheck: false });
    expect(click).toEqual({ toast: { type: 'info', content: '没有找到待处理的申请#1，可能已经处理过了。' } });
  });

  it('serves no webhook in long-connection mode', async () => {
    const bot = await larkTestBot(fake, 'token', { LARK_MODE: 'ws' });
    const res = await bot.app.request('/webhook/lark', { method: 'POST', body: JSON.stringify(fixture('url-verification')) });
    expect(res.status).toBe(404);
    expect(bot.senders.lark?.platform).toBe('lark');
  });
});
