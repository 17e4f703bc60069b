import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { grantRoleStatement, insertPersonStatement, linkIdentityStatement } from '../../src/db/repo/people.js';
import { records } from '../../src/db/schema/index.js';
import { DEMO_VILLAGE } from '../../src/db/seed/demo.js';
import { SECRET_HEADER } from '../../src/bot/platforms/telegram/webhook.js';
import { say } from '../support/bot.js';
import { BOT_INFO, fakeBotApi, type FakeBotApi } from '../telegram/support/fake-bot-api.js';
import { SECRET, TOKEN } from '../telegram/support/telegram-bot.js';
import { startFakeOpenApi, type FakeOpenApi } from './fake-open-api.js';
import { deliver, larkTestBot, textEvent, type LarkTestBot } from './support.js';

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const rows = (bot: LarkTestBot, sql: string, ...params: unknown[]) => bot.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];

/**
 * The same server with Telegram configured too: 张卫东's Telegram account (1001) is the other side
 * of each link. He starts without a Feishu account here, since a person has one account per platform.
 */
let tg: FakeBotApi;
async function twoPlatformBot(env: Record<string, string> = {}): Promise<LarkTestBot> {
  tg = fakeBotApi();
  const bot = await larkTestBot(
    fake,
    'encrypted',
    { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, DASHBOARD_SECRET: 'identity-link-dashboard-secret', TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO), ...env },
    { platforms: { telegram: { fetch: tg.fetch } } },
  );
  await bot.store.commit([linkIdentityStatement(bot.store.db, { platform: 'telegram', userId: '1001', personId: 'demo-cadre-zhang', displayName: '张卫东', linkedAt: 0 })]);
  bot.store.sqlite.prepare("delete from identities where platform = 'lark' and user_id = 'ou_zhang'").run();
  return bot;
}

let updateId = 740_000_000;
/** 张卫东 writes to the bot in his private Telegram chat; returns what the bot sent back there. */
async function tgSay(bot: LarkTestBot, text: string): Promise<string[]> {
  tg.clear();
  const from = { id: 1001, is_bot: false, first_name: '张卫东' };
  const update = { update_id: ++updateId, message: { message_id: updateId, from, chat: { id: 1001, type: 'private', first_name: '张卫东' }, date: 1796090400, text } };
  await bot.app.request('/webhook/telegram', { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET }, body: JSON.stringify(update) });
  await bot.settle();
  return tg.sends().map((c) => (c.payload as { text: string }).text);
}

async function codeFor(bot: LarkTestBot): Promise<string> {
  const texts = await tgSay(bot, '绑定账号');
  const code = /验证码：(\d{6})/u.exec(texts[0] ?? '')?.[1];
  if (!code) throw new Error(`no code in ${JSON.stringify(texts)}`);
  return code;
}

/** What the bot said back on Feishu, in order. */
const larkTexts = () => fake.sends().map((c) => (JSON.parse(c.body.content as string) as { text: string }).text);

let n = 0;
const p2p = (from: string, text: string) => textEvent(`evt-link-${++n}`, from, text, { chatId: `oc_p2p_${from}`, type: 'p2p' });

describe('/link 绑定账号', () => {
  it('gives a one-time code in private and links a new Feishu account to the same person', async () => {
    const bot = await twoPlatformBot();
    const issued = await tgSay(bot, '绑定账号');
    expect(issued[0]).toMatch(/^您的账号绑定验证码：\d{6}（10 分钟内有效，只能用一次）。\n请用您的另一个账号（飞书）私聊我发送「绑定账号 \d{6}」。/u);
    const code = /(\d{6})/u.exec(issued[0]!)![1]!;
    expect(rows(bot, 'select platform, user_id, chat_id, expires_at from link_codes')).toEqual([
      { platform: 'telegram', user_id: '1001', chat_id: '1001', expires_at: bot.clock().getTime() + 600_000 },
    ]);

    await deliver(bot, p2p('ou_zhang_phone', `绑定账号 ${code}`));
    expect(larkTexts()).toEqual(['绑定成功：您的飞书账号和Telegram账号现在都是 张卫东，记录和统计按同一人计算。']);
    expect(rows(bot, "select person_id from identities where platform = 'lark' and user_id = 'ou_zhang_phone'")).toEqual([{ person_id: 'demo-cadre-zhang' }]);
    expect(rows(bot, 'select count(*) as n from link_codes')).toEqual([{ n: 0 }]);
    const telegram = rows(bot, "select payload from outbox where platform = 'telegram' and chat_id = '1001' order by id").map((r) => JSON.parse(r.payload as string).text);
    expect(telegram.at(-1)).toBe('绑定成功：您的Telegram账号和飞书账号现在都是 张卫东，记录和统计按同一人计算。');

    // Linked: the Feishu account now records as 张卫东.
    await deliver(bot, p2p('ou_zhang_phone', '实事 修好了村口路灯'));
    expect(rows(bot, "select person_id, kind from records where platform = 'lark'")).toEqual([{ person_id: 'demo-cadre-zhang', kind: 'deed' }]);
  });

  it('merges a person the second account already had, moving records and roles in one write', async () => {
    const bot = await twoPlatformBot();
    const at = bot.clock().getTime();
    const db = bot.store.db;
    await bot.store.commit([
      insertPersonStatement(db, { id: 'p-dup', name: '张卫东', phone: null, workUnit: null, homeRegion: DEMO_VILLAGE, onRoster: 0, createdAt: at }),
      linkIdentityStatement(db, { platform: 'lark', userId: 'ou_dup', personId: 'p-dup', displayName: '张卫东', linkedAt: at }),
      grantRoleStatement(db, 'p-dup', 'cadre', DEMO_VILLAGE, at),
      grantRoleStatement(db, 'p-dup', 'council', DEMO_VILLAGE, at),
      db.insert(records).values({
        id: 'r-dup', kind: 'visit', seq: 1, regionCode: DEMO_VILLAGE, personId: 'p-dup', text: '走访三户', status: 'recorded',
        platform: 'lark', chatId: 'oc_wenquan', eventId: 'evt-old', createdAt: at, updatedAt: at,
      }),
    ]);
    await tgSay(bot, '建议 修路');
    const code = await codeFor(bot);

    await deliver(bot, p2p('ou_dup', `绑定账号 ${code}`));
    expect(larkTexts()).toEqual(['绑定成功：您的飞书账号和Telegram账号现在都是 张卫东，记录和统计按同一人计算。']);
    expect(rows(bot, 'select id, person_id from records order by id')).toEqual([
      { id: 'id-1', person_id: 'demo-cadre-zhang' },
      { id: 'r-dup', person_id: 'demo-cadre-zhang' },
    ]);
    expect(rows(bot, "select count(distinct person_id) as people from records")).toEqual([{ people: 1 }]);
    expect(rows(bot, "select role, region_code from roles where person_id = 'demo-cadre-zhang' order by role")).toEqual([
      { role: 'cadre', region_code: DEMO_VILLAGE },
      { role: 'council', region_code: DEMO_VILLAGE },
    ]);
    expect(rows(bot, "select count(*) as n from roles where person_id = 'p-dup'")).toEqual([{ n: 0 }]);
    expect(rows(bot, "select count(*) as n from people where id = 'p-dup'")).toEqual([{ n: 0 }]);
    expect(rows(bot, "select person_id from identities where user_id = 'ou_dup'")).toEqual([{ person_id: 'demo-cadre-zhang' }]);
    expect(rows(bot, 'select from_person_id, into_person_id from person_merges')).toEqual([{ from_person_id: 'p-dup', into_person_id: 'demo-cadre-zhang' }]);
  });

  it('lets a newcomer ask for the code and join the person on the other account', async () => {
    const bot = await twoPlatformBot();
    await deliver(bot, p2p('ou_fresh', '绑定账号'));
    const code = /验证码：(\d{6})/u.exec(larkTexts()[0] ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/u);
    expect(await tgSay(bot, `绑定账号 ${code}`)).toEqual(['绑定成功：您的Telegram账号和飞书账号现在都是 张卫东，记录和统计按同一人计算。']);
    expect(rows(bot, "select person_id, display_name from identities where user_id = 'ou_fresh'")).toEqual([
      { person_id: 'demo-cadre-zhang', display_name: '飞书用户resh' },
    ]);
  });

  it('never shows a code in a group', async () => {
    const bot = await larkTestBot(fake);
    await deliver(bot, textEvent('evt-group-link', 'ou_zhang', '绑定账号'));
    expect(larkTexts()).toEqual(['为了账号安全，请私聊我发送「绑定账号」获取验证码，验证码不要发在群里。']);
    expect(rows(bot, 'select count(*) as n from link_codes')).toEqual([{ n: 0 }]);
  });

  it('gives five tries for a wrong code, then locks the account for the window', async () => {
    const bot = await twoPlatformBot();
    const code = await codeFor(bot);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await deliver(bot, p2p('ou_guess', `绑定账号 ${wrong}`));
    await deliver(bot, p2p('ou_guess', `绑定账号 ${code}`));
    const texts = larkTexts();
    expect(texts[0]).toBe('验证码不对或已经过期（还可以再试 4 次）。请在另一个账号里重新发送「绑定账号」获取新的验证码。');
    expect(texts[4]).toBe('验证码不对或已经过期（还可以再试 0 次）。请在另一个账号里重新发送「绑定账号」获取新的验证码。');
    expect(texts[5]).toBe('验证码错误次数太多，请 10 分钟后再试。');
    expect(rows(bot, "select count(*) as n from identities where user_id = 'ou_guess'")).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select failures from link_attempts')).toEqual([{ failures: 5 }]);

    // After the window the right code works again (it was never used).
    bot.clock.advance(9 * 60_000);
    const fresh = await codeFor(bot);
    bot.clock.advance(2 * 60_000);
    fake.reset();
    await deliver(bot, p2p('ou_guess', `绑定账号 ${fresh}`));
    expect(larkTexts()).toEqual(['绑定成功：您的飞书账号和Telegram账号现在都是 张卫东，记录和统计按同一人计算。']);
  });

  it('refuses codes that are malformed, expired, from the same account, or join two different names', async () => {
    const bot = await twoPlatformBot();
    await deliver(bot, p2p('ou_zhang', '绑定账号 12ab'));
    const expired = await codeFor(bot);
    bot.clock.advance(10 * 60_000 + 1);
    await deliver(bot, p2p('ou_zhang', `绑定账号 ${expired}`));
    const mine = await codeFor(bot);
    expect(await tgSay(bot, `绑定账号 ${mine}`)).toEqual(['这是您刚才获取验证码的同一个账号。请用另一个平台的账号发送这个验证码。']);
    await deliver(bot, p2p('ou_wang', `绑定账号 ${mine}`));
    expect(larkTexts()).toEqual([
      '验证码是 6 位数字，例如「绑定账号 123456」。还没有验证码？先用另一个账号私聊我发送「绑定账号」。',
      '验证码不对或已经过期（还可以再试 4 次）。请在另一个账号里重新发送「绑定账号」获取新的验证码。',
      '两个账号登记的姓名不同（张卫东 / 王海），不能绑定。如果确实是同一人，请联系乡镇联络服务站处理。',
    ]);
    expect(rows(bot, "select user_id, person_id from identities where platform = 'lark' and user_id in ('ou_zhang', 'ou_wang') order by user_id")).toEqual([
      { user_id: 'ou_wang', person_id: 'demo-cadre-wang' },
    ]);
    expect(rows(bot, 'select count(*) as n from person_merges')).toEqual([{ n: 0 }]);
  });

  it('refuses a code redeemed by a second account on the same platform', async () => {
    const bot = await twoPlatformBot();
    await deliver(bot, p2p('ou_zhang', '绑定账号'));
    const code = /验证码：(\d{6})/u.exec(larkTexts()[0] ?? '')![1]!;
    fake.reset();
    await deliver(bot, p2p('ou_taker', `绑定账号 ${code}`));
    expect(larkTexts()).toEqual(['这个验证码是同一平台的另一个账号获取的。绑定账号只能把不同平台的账号认作同一人；同一平台换了账号，请联系乡镇联络服务站。']);
    expect(rows(bot, "select count(*) as n from identities where user_id = 'ou_taker'")).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select count(*) as n from link_codes')).toEqual([{ n: 1 }]);
  });

  it('refuses the local console as either side once a platform is configured', async () => {
    const bot = await twoPlatformBot({ DEV_CONSOLE: '1' });
    const zhangLocal = { userId: 'u-zhang', userName: '张卫东', chatId: 'private-zhang', chatType: 'private' as const };
    expect((await say(bot, zhangLocal, '绑定账号')).texts).toEqual(['本地调试台的身份不能和正式平台的账号绑定。请在群聊所在的平台里登记。']);
    await deliver(bot, p2p('ou_fresh', '绑定账号'));
    const code = /验证码：(\d{6})/u.exec(larkTexts()[0] ?? '')![1]!;
    // 李明 is the demo's task-force admin on the console: whoever reaches it must not become him.
    expect((await say(bot, { userId: 'u-admin', userName: '李明', chatId: 'private-admin', chatType: 'private' }, `绑定账号 ${code}`)).texts).toEqual([
      '本地调试台的身份不能和正式平台的账号绑定。请在群聊所在的平台里登记。',
    ]);
    expect(rows(bot, "select count(*) as n from identities where user_id = 'ou_fresh'")).toEqual([{ n: 0 }]);
  });
});
