import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pressLink } from '../../src/bot/platforms/dingtalk/render.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { deliver, dingtalkTestBot, fixture, GROUP, groupText, privateText, processed, rows, type DingTalkTestBot } from './support.js';

let fake: FakeDingTalk;
beforeAll(async () => {
  fake = await startFakeDingTalk();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const outbox = (bot: DingTalkTestBot) => rows(bot, "select key, chat_id, state, attempts, sent_message_id, parts_sent from outbox where platform = 'dingtalk' order by id");
const written = (bot: DingTalkTestBot) => ({
  processed: processed(bot),
  records: rows(bot, 'select count(*) n from records')[0]?.n,
  outbox: rows(bot, 'select count(*) n from outbox')[0]?.n,
  requests: rows(bot, 'select count(*) n from join_requests')[0]?.n,
});
const NOTHING = { processed: [], records: 0, outbox: 0, requests: 0 };
const HOUR = 3_600_000;

describe('POST /webhook/dingtalk — messages', () => {
  it('answers 「@归乡 帮助」 in a village group through the robot group API', async () => {
    const bot = await dingtalkTestBot(fake);
    expect(await deliver(bot, fixture('group-text'))).toEqual({ status: 200, json: {} });
    expect(fake.tokenRequests()).toEqual([{ route: 'token', path: '/v1.0/oauth2/accessToken', query: {}, token: null, body: { appKey: 'ding-client-id', appSecret: 'ding-client-secret' } }]);
    const [send, ...more] = fake.sends();
    expect(more).toEqual([]);
    expect(send).toMatchObject({ route: 'group', token: 'at-1', body: { robotCode: 'ding-client-id', openConversationId: GROUP, msgKey: 'sampleText' } });
    const content = String((send?.body.msgParam as { content?: string } | undefined)?.content);
    expect(content.split('\n').slice(0, 3)).toEqual(['归乡 · 干部规划家乡行动助手', '本群：江川区江城镇温泉村 · 村庄规划编制组', '您可以发送：']);
    expect(processed(bot)).toEqual(['msgWq0001']);
    expect(outbox(bot)).toEqual([{ key: 'dingtalk:msgWq0001:0', chat_id: GROUP, state: 'sent', attempts: 0, sent_message_id: 'pqk-1', parts_sent: 0 }]);
    expect(rows(bot, "select chat_id, type, title from chats where platform = 'dingtalk'")).toEqual([{ chat_id: GROUP, type: 'group', title: '温泉村规划编制组' }]);
  });

  it('records a suggestion and replies with its number', async () => {
    const bot = await dingtalkTestBot(fake);
    await deliver(bot, groupText('msgWq0002', '建议 村口道路需要硬化'));
    expect(rows(bot, 'select kind, seq, person_id, text, platform, chat_id, event_id from records')).toEqual([
      { kind: 'suggestion', seq: 1, person_id: 'demo-cadre-zhang', text: '村口道路需要硬化', platform: 'dingtalk', chat_id: GROUP, event_id: 'msgWq0002' },
    ]);
    expect(fake.sends().map((c) => c.body.msgParam)).toEqual([
      { content: '已记录 建议#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ✅中肯建议 ⬜为民实事 ⬜村规民约' },
    ]);
  });

  it('reads a private rich-text message with a picture as a deed with evidence, answered in private', async () => {
    const bot = await dingtalkTestBot(fake);
    await deliver(bot, fixture('private-rich-text'));
    expect(rows(bot, 'select kind, text, evidence, chat_id from records')).toEqual([
      { kind: 'deed', text: '帮村里修好了路灯', evidence: JSON.stringify([{ kind: 'photo', fileId: 'dc-photo-1' }]), chat_id: 'zhang001' },
    ]);
    expect(fake.sends()).toMatchObject([{ route: 'private', body: { robotCode: 'ding-client-id', userIds: ['zhang001'], msgKey: 'sampleText' } }]);
    expect(rows(bot, "select chat_id, type from chats where platform = 'dingtalk' and type = 'private'")).toEqual([{ chat_id: 'zhang001', type: 'private' }]);
  });

  it('takes a voice message by the text DingTalk recognised in it', async () => {
    const bot = await dingtalkTestBot(fake);
    await deliver(bot, fixture('group-audio'));
    expect(rows(bot, 'select kind, text from records')).toEqual([{ kind: 'visit', text: '看望了村里的三户老人' }]);
  });

  it('answers a redelivered msgId once and writes nothing the second time', async () => {
    const bot = await dingtalkTestBot(fake);
    await deliver(bot, groupText('msgWq0003', '建议 修一座便民桥'));
    const first = written(bot);
    const again = await deliver(bot, groupText('msgWq0003', '建议 修一座便民桥'));
    expect(again).toEqual({ status: 200, json: {} });
    expect(first).toMatchObject({ processed: ['msgWq0003'], records: 1 });
    expect(written(bot)).toEqual(first);
    expect(fake.sends()).toHaveLength(1);
  });

  it('sends a dashboard link asked for in a group privately, and only says so in the group', async () => {
    const bot = await dingtalkTestBot(fake, { PUBLIC_URL: 'https://guixiang.example.org', DASHBOARD_SECRET: 'dashboard-secret-for-tests' });
    const m = groupText('msgDash1', '看板', { staffId: 'zhao001', nick: '赵强' });
    await deliver(bot, m);
    const sends = fake.sends().map((c) => ({ route: c.route, to: c.body.openConversationId ?? c.body.userIds, text: (c.body.msgParam as { content: string }).content }));
    expect(sends.map((s) => [s.route, s.to])).toEqual([
      ['private', ['zhao001']],
      ['group', GROUP],
    ]);
    expect(sends[0]?.text).toContain('https://guixiang.example.org/dashboard?');
    expect(sends[1]?.text).toBe('看板链接已私信发给您，请在与我的私聊里查看。');
  });

  it('knows a group it has not seen once someone @s it there', async () => {
    const bot = await dingtalkTestBot(fake);
    const m = groupText('msgNew0001', '帮助');
    m.conversationId = 'cidNewGroup==';
    m.conversationTitle = '新建的群';
    await deliver(bot, m);
    expect(rows(bot, "select chat_id, type, active, title from chats where chat_id = 'cidNewGroup=='")).toEqual([{ chat_id: 'cidNewGroup==', type: 'group', active: 1, title: '新建的群' }]);
    expect(fake.sends()).toMatchObject([{ route: 'group', body: { openConversationId: 'cidNewGroup==' } }]);
  });

  it('leaves a message for another robot and unreadable kinds alone', async () => {
    const bot = await dingtalkTestBot(fake);
    const other = groupText('msgOther1', '建议 不该记');
    other.robotCode = 'ding-someone-else';
    expect(await deliver(bot, other)).toEqual({ status: 200, json: {} });
    const video = { ...fixture('group-audio'), msgId: 'msgVideo1', msgtype: 'video', content: { downloadCode: 'x', duration: 3, videoType: 'mp4' } };
    expect(await deliver(bot, video)).toEqual({ status: 200, json: {} });
    expect(written(bot)).toEqual(NOTHING);
    expect(fake.calls).toEqual([]);
  });
});

describe('POST /webhook/dingtalk — buttons', () => {
  it('sends a join request as an action card whose button press (「点选 approve:1」) approves it', async () => {
    const bot = await dingtalkTestBot(fake);
    await deliver(bot, groupText('msgJoin1', '登记 赵六', { staffId: 'newbie01', nick: '赵六' }));
    const card = fake.sends().find((c) => String(c.body.msgKey).startsWith('sampleActionCard'));
    expect(card?.body.msgKey).toBe('sampleActionCard2');
    const param = card?.body.msgParam as Record<string, string>;
    expect([param.actionTitle1, param.actionURL1, param.actionTitle2, param.actionURL2]).toEqual(['批准', pressLink('approve:1'), '驳回', pressLink('reject:1')]);
    expect(pressLink('approve:1')).toBe('dtmd://dingtalkclient/sendMessage?content=%E7%82%B9%E9%80%89%20approve%3A1');
    expect(param.text).toContain('在群里也可以 @我 发送：「点选 approve:1」 「点选 reject:1」');

    await deliver(bot, groupText('msgPress1', '点选 approve:1', { staffId: 'yang001', nick: '杨建国' }));
    expect(rows(bot, 'select id, name, status, decided_by from join_requests')).toEqual([{ id: 1, name: '赵六', status: 'approved', decided_by: 'demo-leader' }]);
    expect(processed(bot)).toEqual(['msgJoin1', 'msgPress1']);
  });
});

describe('POST /webhook/dingtalk — refusals', () => {
  it('refuses a forged signature with 401 and writes nothing', async () => {
    const bot = await dingtalkTestBot(fake);
    const r = await deliver(bot, groupText('msgForged', '建议 伪造的'), { secret: 'not-the-secret' });
    expect(r).toEqual({ status: 401, json: { error: 'bad signature' } });
    const bare = await bot.app.request('/webhook/dingtalk', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(groupText('msgBare', '建议 没签名')) });
    expect(bare.status).toBe(401);
    expect(written(bot)).toEqual(NOTHING);
    expect(fake.calls).toEqual([]);
  });

  it('refuses a correctly signed request more than an hour old or ahead, and takes one within the hour', async () => {
    const bot = await dingtalkTestBot(fake);
    const now = bot.clock().getTime();
    expect(await deliver(bot, groupText('msgOld', '建议 重放的'), { timestampMs: now - HOUR - 1_000 })).toEqual({ status: 401, json: { error: 'stale timestamp' } });
    expect(await deliver(bot, groupText('msgAhead', '建议 未来的'), { timestampMs: now + HOUR + 1_000 })).toEqual({ status: 401, json: { error: 'stale timestamp' } });
    expect(written(bot)).toEqual(NOTHING);
    expect(await deliver(bot, groupText('msgLate', '建议 晚到的'), { timestampMs: now - HOUR + 60_000 })).toEqual({ status: 200, json: {} });
    expect(processed(bot)).toEqual(['msgLate']);
  });

  it('refuses an encrypted envelope and malformed bodies with 400', async () => {
    const bot = await dingtalkTestBot(fake);
    expect((await deliver(bot, { encrypt: 'abc' })).status).toBe(400);
    expect((await deliver(bot, [1, 2])).status).toBe(400);
    expect(written(bot)).toEqual(NOTHING);
  });

  it('serves no webhook in stream mode', async () => {
    const bot = await dingtalkTestBot(fake, { DINGTALK_MODE: 'stream' });
    expect((await deliver(bot, fixture('group-text'))).status).toBe(404);
  });
});

describe('POST /webhook/dingtalk — sending failures', () => {
  it.each([
    [403, 'Forbidden.AccessDenied.QpsLimitForApi', 'dingtalk group send failed: HTTP 403 Forbidden.AccessDenied.QpsLimitForApi qps limit'],
    [429, 'Throttling', 'dingtalk group send failed: HTTP 429 Throttling qps limit'],
  ])('retries a send refused with HTTP %i %s later and delivers it once', async (status, code, error) => {
    const bot = await dingtalkTestBot(fake);
    fake.script('group', { status, body: { code, message: 'qps limit' } });
    await deliver(bot, groupText('msgRate1', '建议 限流时的建议'));
    const [row] = outbox(bot);
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    const next = rows(bot, 'select next_attempt_at, last_error from outbox')[0]!;
    // At least DingTalk's pause for a throttled chat, counted from the fixed clock.
    expect(Number(next.next_attempt_at) - bot.clock().getTime()).toBeGreaterThanOrEqual(10_000);
    expect(next.last_error).toBe(error);
    bot.clock.advance(60_000);
    await bot.dispatcher.drain();
    expect(outbox(bot)).toMatchObject([{ state: 'sent', sent_message_id: 'pqk-1' }]);
    expect(fake.sends().filter((c) => c.route === 'group')).toHaveLength(2);
  });

  it('fetches a new token when DingTalk refuses the cached one mid-drain, losing nothing', async () => {
    const bot = await dingtalkTestBot(fake);
    await deliver(bot, groupText('msgTok1', '建议 第一条'));
    fake.script('group', { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } });
    await deliver(bot, groupText('msgTok2', '建议 第二条'));
    await deliver(bot, groupText('msgTok3', '建议 第三条'));
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.sends().map((c) => [c.token, (c.body.msgParam as { content: string }).content.slice(0, 8)])).toEqual([
      ['at-1', '已记录 建议#1'],
      ['at-1', '已记录 建议#2'],
      ['at-2', '已记录 建议#2'],
      ['at-2', '已记录 建议#3'],
    ]);
    expect(outbox(bot).map((r) => [r.key, r.state, r.attempts])).toEqual([
      ['dingtalk:msgTok1:0', 'sent', 0],
      ['dingtalk:msgTok2:0', 'sent', 0],
      ['dingtalk:msgTok3:0', 'sent', 0],
    ]);
  });

  it('marks a group the robot was removed from unreachable and stops sending there', async () => {
    const bot = await dingtalkTestBot(fake);
    fake.script('group', { status: 400, body: { code: 'invalidParameter.robotCode.notExsit', message: '机器人不存在，请检查机器人是否在群内' } });
    await deliver(bot, groupText('msgGone1', '建议 机器人被移出后'));
    expect(outbox(bot)).toMatchObject([{ state: 'dead', attempts: 1 }]);
    expect(rows(bot, `select active from chats where chat_id = '${GROUP}'`)).toEqual([{ active: 0 }]);
  });

  it('treats a person DingTalk lists as invalid in a private send as unreachable', async () => {
    const bot = await dingtalkTestBot(fake);
    fake.script('private', { body: { processQueryKey: 'pqk-x', invalidStaffIdList: ['zhang001'], flowControlledStaffIdList: [] } });
    await deliver(bot, privateText('msgPriv1', '帮助'));
    expect(outbox(bot)).toMatchObject([{ chat_id: 'zhang001', state: 'dead' }]);
    expect(rows(bot, "select unreachable_at is not null gone from identities where platform = 'dingtalk' and user_id = 'zhang001'")).toEqual([{ gone: 1 }]);
  });
});
