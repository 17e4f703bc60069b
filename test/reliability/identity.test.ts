import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { grantRoleStatement, insertPersonStatement, linkIdentityStatement } from '../../src/db/repo/people.js';
import { DEMO_VILLAGE } from '../../src/db/seed/demo.js';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { deliver, larkTestBot, textEvent, type LarkTestBot } from '../lark/support.js';
import { DEMO, press, say, testBot, type TestBot } from '../support/bot.js';
import { groupText, telegramTestBot, VILLAGE_GROUP } from '../telegram/support/telegram-bot.js';

/**
 * Who is who, attacked from outside: each case replays what an attacker did against an earlier
 * version and asserts the exact refusal and that the rows that decide identity did not change.
 */

type AnyBot = { store: { sqlite: { prepare(sql: string): { all(...p: unknown[]): unknown[] } } } };
const rows = (bot: AnyBot, sql: string, ...params: unknown[]) => bot.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
/** The rows that say who is whom and may do what. */
const identityState = (bot: AnyBot) => ({
  identities: rows(bot, 'select platform, user_id, person_id, matched_by from identities order by platform, user_id'),
  roles: rows(bot, 'select person_id, role, region_code from roles order by person_id, role, region_code'),
  people: rows(bot, 'select id, name from people order by id'),
});
const stationFeed = async (bot: TestBot) => {
  const res = await bot.app.request('/dev/messages?chatId=jiangcheng-station&after=0');
  return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
};

const stranger = { userId: 'u-attacker', userName: '路人甲' };

describe('finding 1: a name alone no longer makes anyone anyone', () => {
  it('a leader entry claimed by name becomes a request only the station decides; the claimer gets no role', async () => {
    const bot = await testBot();
    const before = identityState(bot);
    const r = await say(bot, stranger, '登记 杨建国');
    expect(r.texts).toEqual([
      '名册里的 杨建国 已经由另一个账号登记。已提交转移申请#1，由乡镇联络服务站核实。如果那是您自己的另一个账号，请用它私聊我发送「绑定账号」。',
    ]);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, 'select id, kind, person_id, user_id, status from join_requests')).toEqual([
      { id: 1, kind: 'transfer', person_id: 'demo-leader', user_id: 'u-attacker', status: 'pending' },
    ]);
    expect(await stationFeed(bot)).toEqual([
      '江川区江城镇温泉村：认领申请#1：本地调试台用户「路人甲」 要认领名册里的 杨建国（此人已由另一个账号登记，批准即把身份转给申请人，原账号会收到通知）。可回复「批准 1」或「驳回 1 理由」。',
    ]);
    // The leader whose entry it is cannot hand it over; help offers the claimer nothing a leader has.
    expect((await say(bot, DEMO.leader, '批准 1')).texts).toEqual([
      '这个申请涉及名册上的编制组组长、理事会、联络站身份或账号转移，只能由乡镇联络服务站批准。',
    ]);
    expect((await say(bot, stranger, '帮助')).texts[0]).not.toMatch(/· (批准|审核|会议|表决|转交) /u);
  });

  it('an unclaimed leader entry: neither the name nor the right tail gives its roles', async () => {
    const bot = await testBot();
    const at = bot.clock().getTime();
    await bot.store.commit([
      insertPersonStatement(bot.store.db, { id: 'p-lead2', name: '段红梅', phone: '13900003333', homeRegion: DEMO_VILLAGE, onRoster: 1, createdAt: at }),
      grantRoleStatement(bot.store.db, 'p-lead2', 'leader', DEMO_VILLAGE, at),
      grantRoleStatement(bot.store.db, 'p-lead2', 'cadre', DEMO_VILLAGE, at),
    ]);
    const before = identityState(bot);
    expect((await say(bot, stranger, '登记 段红梅 3333')).texts).toEqual([
      '名册里的 段红梅 还担任编制组组长、理事会成员或联络站职务，这一身份要由乡镇联络服务站确认。已提交申请#1，批准后生效。',
    ]);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, 'select kind, person_id from join_requests')).toEqual([{ kind: 'station_claim', person_id: 'p-lead2' }]);
    // Only the station can approve it; then the account holds the entry, recorded as approved.
    expect((await say(bot, DEMO.leader, '批准 1')).texts[0]).toMatch(/只能由乡镇联络服务站批准/u);
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '批准 1')).texts).toEqual(['已批准：段红梅 登记为江川区江城镇温泉村的回乡干部。']);
    expect(rows(bot, "select person_id, matched_by from identities where user_id = 'u-attacker'")).toEqual([{ person_id: 'p-lead2', matched_by: 'approval' }]);
  });
});

describe('finding 2 and /link: an entry held on one platform is not claimed on another', () => {
  let fake: FakeOpenApi;
  beforeAll(async () => {
    fake = await startFakeOpenApi();
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());
  const larkTexts = () => fake.sends().map((c) => (JSON.parse(c.body.content as string) as { text: string }).text);

  it('a Feishu user with the right tail for a Telegram-held entry gets a transfer request, not the entry', async () => {
    const bot: LarkTestBot = await larkTestBot(fake);
    await bot.store.commit([
      linkIdentityStatement(bot.store.db, { platform: 'telegram', userId: '2002', personId: 'demo-cadre-li', displayName: '李秀英', linkedAt: 0 }),
    ]);
    const before = identityState(bot);
    await deliver(bot, textEvent('evt-steal-1', 'ou_thief', '登记 李秀英 2468', { chatId: 'oc_wenquan' }));
    expect(larkTexts()).toEqual([
      '名册里的 李秀英 已经由另一个账号登记。已提交转移申请#1，由乡镇联络服务站核实。如果那是您自己的另一个账号，请用它私聊我发送「绑定账号」。',
    ]);
    expect(identityState(bot)).toEqual(before);
  });

  it('a /link code passed to a second account on the same platform is refused', async () => {
    const bot: LarkTestBot = await larkTestBot(fake);
    await deliver(bot, textEvent('evt-code-1', 'ou_yang', '绑定账号', { chatId: 'oc_p2p_yang', type: 'p2p' }));
    const code = /验证码：(\d{6})/u.exec(larkTexts()[0] ?? '')![1]!;
    fake.reset();
    const before = identityState(bot);
    await deliver(bot, textEvent('evt-code-2', 'ou_thief', `绑定账号 ${code}`, { chatId: 'oc_p2p_thief', type: 'p2p' }));
    expect(larkTexts()).toEqual(['这个验证码是同一平台的另一个账号获取的。绑定账号只能把不同平台的账号认作同一人；同一平台换了账号，请联系乡镇联络服务站。']);
    expect(identityState(bot)).toEqual(before);
  });

  it('with DEV_CONSOLE=1 the console cannot link a Feishu account to a demo station person', async () => {
    const bot: LarkTestBot = await larkTestBot(fake, 'encrypted', { DEV_CONSOLE: '1' });
    await deliver(bot, textEvent('evt-code-3', 'ou_thief', '绑定账号', { chatId: 'oc_p2p_thief', type: 'p2p' }));
    const code = /验证码：(\d{6})/u.exec(larkTexts()[0] ?? '')![1]!;
    const before = identityState(bot);
    const station = { ...DEMO.township, chatId: 'private-jiangcheng', chatType: 'private' as const };
    expect((await say(bot, station, `绑定账号 ${code}`)).texts).toEqual(['本地调试台的身份不能和正式平台的账号绑定。请在群聊所在的平台里登记。']);
    expect((await say(bot, station, '绑定账号')).texts).toEqual(['本地调试台的身份不能和正式平台的账号绑定。请在群聊所在的平台里登记。']);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, "select platform, user_id from link_codes")).toEqual([{ platform: 'lark', user_id: 'ou_thief' }]);
  });
});

describe('finding 3: phone tails cannot be guessed', () => {
  it('five wrong tails a day per sender, then even the right one is only a request and the station is told', async () => {
    const bot = await testBot();
    const before = identityState(bot);
    const replies: string[] = [];
    for (const tail of ['0000', '0001', '0002', '0003', '0004']) replies.push(...(await say(bot, stranger, `登记 李秀英 ${tail}`)).texts);
    expect(replies).toEqual([
      '名册里 李秀英 的手机尾号对不上（今天还可以再试 4 次）。请核对后重发，或联系编制组组长。',
      '名册里 李秀英 的手机尾号对不上（今天还可以再试 3 次）。请核对后重发，或联系编制组组长。',
      '名册里 李秀英 的手机尾号对不上（今天还可以再试 2 次）。请核对后重发，或联系编制组组长。',
      '名册里 李秀英 的手机尾号对不上（今天还可以再试 1 次）。请核对后重发，或联系编制组组长。',
      '名册里 李秀英 的手机尾号对不上（今天还可以再试 0 次）。请核对后重发，或联系编制组组长。',
    ]);
    expect((await say(bot, stranger, '登记 李秀英 2468')).texts).toEqual(['手机尾号今天核对失败的次数太多，不能再试。已提交申请#1，由乡镇联络服务站核实。']);
    expect(identityState(bot)).toEqual(before);
    expect(await stationFeed(bot)).toEqual([
      '江川区江城镇温泉村：名册里 李秀英 的手机尾号今天已被用错多次（最近一次来自本地调试台用户「路人甲」）。今天之后对此人的登记都要联络站批准。',
      '江川区江城镇温泉村：认领申请#1：本地调试台用户「路人甲」 要认领名册里的 李秀英（手机尾号今天已错多次）。可回复「批准 1」或「驳回 1 理由」。',
    ]);
  });

  it('the limit is per roster entry too: a second account gets no fresh tries at the same person', async () => {
    const bot = await testBot();
    for (let i = 0; i < 5; i++) await say(bot, { userId: `u-guess-${i}`, userName: `猜${i}` }, `登记 李秀英 100${i}`);
    const before = identityState(bot);
    expect((await say(bot, { userId: 'u-guess-9', userName: '猜9' }, '登记 李秀英 2468')).texts).toEqual([
      '手机尾号今天核对失败的次数太多，不能再试。已提交申请#1，由乡镇联络服务站核实。',
    ]);
    expect(identityState(bot)).toEqual(before);
    // A day later the window has passed: the right tail claims, the cadre role only, and the station hears of it.
    bot.clock.advance(24 * 60 * 60_000 + 1);
    expect((await say(bot, { userId: 'u-li', userName: '李秀英' }, '登记 李秀英 2468')).texts[0]).toMatch(/^欢迎您，李秀英/u);
    expect(rows(bot, "select person_id, matched_by from identities where user_id = 'u-li'")).toEqual([{ person_id: 'demo-cadre-li', matched_by: 'phone_tail' }]);
    expect((await stationFeed(bot)).at(-1)).toBe('江川区江城镇温泉村：本地调试台用户「李秀英」 用手机尾号登记为名册里的 李秀英（回乡干部）。如果不是本人，请核实后处理。');
  });
});

describe('finding 4: a station re-binds only chats inside its area', () => {
  it("绿汁镇's station cannot move 温泉村's group to 绿汁村", async () => {
    const bot = await testBot();
    const chatBefore = rows(bot, "select region_code, purpose, bound_by from chats where chat_id = 'wenquan-village'");
    expect((await say(bot, DEMO.lvzhi, '绑定 绿汁村')).texts).toEqual([
      '本群现在绑定的是江川区江城镇温泉村，不在您负责的范围内，不能改绑。请联系江川区江城镇温泉村所属的联络站或工作专班。',
    ]);
    expect(rows(bot, "select region_code, purpose, bound_by from chats where chat_id = 'wenquan-village'")).toEqual(chatBefore);
  });
});

describe('look-alike names', () => {
  // The zero-width space is a format character; variation selector 16 and the Hangul filler are not, but show as nothing too.
  it.each([['\\u200b', '\u200b'], ['\\ufe0f', '\ufe0f'], ['\\u3164', '\u3164']])('「张%s卫东」 is 张卫东: no second person, the held entry is not taken', async (_, invisible) => {
    const bot = await testBot();
    const before = identityState(bot);
    expect((await say(bot, stranger, `登记 张${invisible}卫东 1234`)).texts).toEqual([
      '名册里的 张卫东 已经由另一个账号登记。已提交转移申请#1，由乡镇联络服务站核实。如果那是您自己的另一个账号，请用它私聊我发送「绑定账号」。',
    ]);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, 'select name from join_requests')).toEqual([{ name: '张卫东' }]);
  });

  it('a request for a new person named like a roster entry cannot be approved into a second one', async () => {
    const bot = await testBot();
    await say(bot, stranger, '登记 陈\u202e立新');
    const at = bot.clock().getTime();
    // The roster gains 陈立新 after the request was made (an import).
    await bot.store.commit([insertPersonStatement(bot.store.db, { id: 'p-chen', name: '陈立新', phone: '13900004444', homeRegion: DEMO_VILLAGE, onRoster: 1, createdAt: at })]);
    const before = identityState(bot);
    expect((await say(bot, DEMO.leader, '批准 1')).texts).toEqual([
      '名册里已经有 陈立新，不能再新建一个同名的人。请驳回这个申请，让申请人用「登记 陈立新 手机尾号」认领。',
    ]);
    expect(identityState(bot)).toEqual(before);
  });
});

describe('anonymous group admins and foreign vote buttons', () => {
  it('an anonymous Telegram admin (sender_chat is the group) cannot join or link', async () => {
    const bot = await telegramTestBot();
    const before = identityState(bot);
    for (const text of ['/join 李秀英 2468', '/link']) {
      const update = groupText(text) as { message: Record<string, unknown> };
      update.message.from = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
      update.message.sender_chat = { id: Number(VILLAGE_GROUP), title: '温泉村规划编制组', type: 'supergroup' };
      expect((await bot.post(update)).status).toBe(200);
    }
    await bot.settle();
    expect(bot.fake.sends().map((c) => (c.payload as { text: string }).text)).toEqual([
      '这条消息是以群或频道的名义发出的，我无法确认您是谁。请用您本人的身份发送：匿名管理员请先在群设置里关闭「匿名」，以频道身份发言的请切换回个人账号。',
      '这条消息是以群或频道的名义发出的，我无法确认您是谁。请用您本人的身份发送：匿名管理员请先在群设置里关闭「匿名」，以频道身份发言的请切换回个人账号。',
    ]);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, 'select count(*) as n from join_requests')).toEqual([{ n: 0 }]);
  });

  it('a vote button pressed in another chat is not a vote', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 修一条灌溉水渠');
    bot.clock.set('2026-12-01T02:00:00Z');
    await say(bot, DEMO.leader, '会议 2026-12-01 10:30 村民代表会议');
    bot.clock.set('2026-12-01T02:20:00Z');
    await say(bot, DEMO.leader, '成员 普丽 村民代表');
    await say(bot, DEMO.council, '签到');
    await say(bot, DEMO.leader, '表决 建议#1');
    expect(rows(bot, 'select count(*) as n from meeting_motions')).toEqual([{ n: 1 }]);
    const r = await press(bot, { ...DEMO.council, chatId: 'wenshan-village' }, 'vote:1:1:y');
    expect(r).toMatchObject({ replies: [], toast: '表决只能在开会的群里进行。' });
    expect(rows(bot, 'select count(*) as n from meeting_votes')).toEqual([{ n: 0 }]);
  });
});

describe('/whoami', () => {
  it('answers in private, never in the group', async () => {
    const bot = await testBot();
    await say(bot, { ...DEMO.leader, chatId: 'private-u-yang', chatType: 'private' }, '帮助');
    const r = await say(bot, DEMO.leader, '我是谁');
    expect(r.texts).toEqual(['已私聊回复您。']);
    const res = await bot.app.request('/dev/messages?chatId=private-u-yang&after=0');
    const texts = ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
    expect(texts.at(-1)).toBe(
      '平台：本地调试台\n账号 ID：u-yang（写进 ADMINS 时为 local:u-yang）\n我认为您是：杨建国（依据：名册导入）\n身份：编制组组长（江川区江城镇温泉村）、回乡干部（江川区江城镇温泉村）',
    );
  });

  it('says how to open a private chat when there is none', async () => {
    const bot = await testBot();
    expect((await say(bot, stranger, '我是谁')).texts).toEqual([
      '这个答复只在私聊里给。请先私聊我（点开我的头像，发送「帮助」），再在私聊里发送「我是谁」。',
    ]);
  });
});

describe('the local console', () => {
  it('refuses another Host and cross-origin posts', async () => {
    const bot = await testBot();
    const body = JSON.stringify({ chatId: 'wenquan-village', userId: 'u-admin', userName: '李明', text: '帮助' });
    const evil = await bot.app.request('http://evil.example/dev/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(evil.status).toBe(403);
    const crossSite = await bot.app.request('/dev/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body,
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({ error: '调试台不接受来自其他网站的请求' });
    expect(rows(bot, 'select count(*) as n from processed_events')).toEqual([{ n: 0 }]);
    const same = await bot.app.request('http://127.0.0.1:8787/dev/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body,
    });
    expect(same.status).toBe(200);
  });
});
