import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertPersonStatement, linkIdentityStatement } from '../../src/db/repo/people.js';
import { DEMO_VILLAGE } from '../../src/db/seed/demo.js';
import { SECRET_HEADER } from '../../src/bot/platforms/telegram/webhook.js';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { deliver, larkTestBot, textEvent, type LarkTestBot } from '../lark/support.js';
import { BOT_INFO, fakeBotApi, type FakeBotApi } from '../telegram/support/fake-bot-api.js';
import { SECRET, TOKEN } from '../telegram/support/telegram-bot.js';

/**
 * /link makes accounts of different platforms one person, never two accounts on one platform:
 * a second Feishu account would be a second person's account answering as 李秀英.
 */

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const rows = (bot: LarkTestBot, sql: string) => bot.store.sqlite.prepare(sql).all() as Record<string, unknown>[];
const identitiesOfLi = (bot: LarkTestBot) => rows(bot, "select platform, user_id, matched_by from identities where person_id = 'demo-cadre-li' order by platform, user_id");
const larkTexts = () => fake.sends().map((c) => (JSON.parse(c.body.content as string) as { text: string }).text);

const REFUSED =
  '李秀英 已经有一个飞书账号，一个人在同一平台只能绑定一个账号，这次没有绑定。如果原来的飞书账号丢了或不再使用，请用新账号在本村群里发送「登记 李秀英」申请转移，由乡镇联络服务站核实后批准。';

/** Feishu and Telegram on one server; 李秀英's Telegram account is 108. */
let tg: FakeBotApi;
async function twoPlatformBot(): Promise<LarkTestBot> {
  tg = fakeBotApi();
  const bot = await larkTestBot(
    fake,
    'encrypted',
    { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, DASHBOARD_SECRET: 'link-one-per-platform-secret', TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO) },
    { platforms: { telegram: { fetch: tg.fetch } } },
  );
  await bot.store.commit([linkIdentityStatement(bot.store.db, { platform: 'telegram', userId: '108', personId: 'demo-cadre-li', displayName: '李秀英', linkedAt: 0 })]);
  return bot;
}

let updateId = 750_000_000;
/** 李秀英 writes in her private Telegram chat; returns what the bot sent back there. */
async function tgSay(bot: LarkTestBot, text: string): Promise<string[]> {
  tg.clear();
  const from = { id: 108, is_bot: false, first_name: '李秀英' };
  const update = { update_id: ++updateId, message: { message_id: updateId, from, chat: { id: 108, type: 'private', first_name: '李秀英' }, date: 1796090400, text } };
  await bot.app.request('/webhook/telegram', { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET }, body: JSON.stringify(update) });
  await bot.settle();
  return tg.sends().map((c) => (c.payload as { text: string }).text);
}

/** The code in whichever reply carries one (the other platform's 绑定成功 notice may arrive alongside). */
const codeIn = (texts: readonly string[]) => {
  const code = texts.map((t) => /验证码：(\d{6})/u.exec(t)?.[1]).find(Boolean);
  if (!code) throw new Error(`no code in ${JSON.stringify(texts)}`);
  return code;
};

let n = 0;
const p2p = (from: string, text: string) => textEvent(`evt-one-${++n}`, from, text, { chatId: `oc_p2p_${from}`, type: 'p2p' });

describe('/link: one account per platform', () => {
  it('refuses a second Feishu account for a person who already has one, and leaves the code and identities as they were', async () => {
    const bot = await twoPlatformBot();
    await deliver(bot, p2p('ou_l1', `绑定账号 ${codeIn(await tgSay(bot, '/link'))}`));
    expect(larkTexts()).toEqual(['绑定成功：您的飞书账号和Telegram账号现在都是 李秀英，记录和统计按同一人计算。']);
    fake.reset();

    const second = codeIn(await tgSay(bot, '/link'));
    await deliver(bot, p2p('ou_l2', `绑定账号 ${second}`));
    expect(larkTexts()).toEqual([REFUSED]);
    expect(identitiesOfLi(bot)).toEqual([
      { platform: 'lark', user_id: 'ou_l1', matched_by: 'link' },
      { platform: 'telegram', user_id: '108', matched_by: 'import' },
    ]);
    expect(rows(bot, "select count(*) as n from identities where user_id = 'ou_l2'")).toEqual([{ n: 0 }]);
    // Like the other refusals, the code is not used up and no wrong try is counted.
    expect(rows(bot, 'select code, platform, user_id from link_codes')).toEqual([{ code: second, platform: 'telegram', user_id: '108' }]);
    expect(rows(bot, 'select count(*) as n from link_attempts')).toEqual([{ n: 0 }]);
    // Telegram heard only of the first link.
    const telegram = rows(bot, "select payload from outbox where platform = 'telegram' and chat_id = '108' order by id").map((r) => JSON.parse(r.payload as string).text as string);
    expect(telegram.filter((t) => t.startsWith('绑定成功'))).toEqual(['绑定成功：您的Telegram账号和飞书账号现在都是 李秀英，记录和统计按同一人计算。']);
  });

  it('refuses when a newcomer Feishu account asks for the code and the person redeeming already has a Feishu account', async () => {
    const bot = await twoPlatformBot();
    await deliver(bot, p2p('ou_l1', `绑定账号 ${codeIn(await tgSay(bot, '/link'))}`));
    fake.reset();

    await deliver(bot, p2p('ou_l3', '绑定账号'));
    const code = codeIn(larkTexts());
    // The notice of the first link is still queued for Telegram and goes out first.
    expect(await tgSay(bot, `绑定账号 ${code}`)).toEqual(['绑定成功：您的Telegram账号和飞书账号现在都是 李秀英，记录和统计按同一人计算。', REFUSED]);
    expect(identitiesOfLi(bot)).toEqual([
      { platform: 'lark', user_id: 'ou_l1', matched_by: 'link' },
      { platform: 'telegram', user_id: '108', matched_by: 'import' },
    ]);
    expect(rows(bot, "select count(*) as n from identities where user_id = 'ou_l3'")).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select code, platform, user_id from link_codes')).toEqual([{ code, platform: 'lark', user_id: 'ou_l3' }]);
  });

  it('refuses to merge two people when the survivor would hold two Feishu accounts', async () => {
    const bot = await twoPlatformBot();
    await deliver(bot, p2p('ou_l1', `绑定账号 ${codeIn(await tgSay(bot, '/link'))}`));
    fake.reset();
    const at = bot.clock().getTime();
    await bot.store.commit([
      insertPersonStatement(bot.store.db, { id: 'p-li2', name: '李秀英', phone: null, workUnit: null, homeRegion: DEMO_VILLAGE, onRoster: 0, createdAt: at }),
      linkIdentityStatement(bot.store.db, { platform: 'lark', userId: 'ou_l2', personId: 'p-li2', displayName: '李秀英', linkedAt: at }),
    ]);

    await deliver(bot, p2p('ou_l2', `绑定账号 ${codeIn(await tgSay(bot, '/link'))}`));
    expect(larkTexts()).toEqual([REFUSED]);
    expect(rows(bot, "select platform, user_id, person_id from identities where person_id in ('demo-cadre-li', 'p-li2') order by platform, user_id")).toEqual([
      { platform: 'lark', user_id: 'ou_l1', person_id: 'demo-cadre-li' },
      { platform: 'lark', user_id: 'ou_l2', person_id: 'p-li2' },
      { platform: 'telegram', user_id: '108', person_id: 'demo-cadre-li' },
    ]);
    expect(rows(bot, "select count(*) as n from people where id = 'p-li2'")).toEqual([{ n: 1 }]);
    expect(rows(bot, 'select count(*) as n from person_merges')).toEqual([{ n: 0 }]);
  });
});
