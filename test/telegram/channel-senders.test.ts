import { describe, expect, it } from 'vitest';
import { parseUpdate } from '../../src/bot/platforms/telegram/parse.js';
import { BOT_INFO } from './support/fake-bot-api.js';
import { fixture, groupText, telegramTestBot, type TelegramTestBot } from './support/telegram-bot.js';

/**
 * Posts that speak as a chat name no person: a linked channel's automatic forward comes "from"
 * Telegram's service account 777000, a user posting as a channel "from" Channel_Bot, an anonymous
 * admin "from" GroupAnonymousBot. None of them may join, link or act as a person.
 */

const REFUSAL = '这条消息是以群或频道的名义发出的，我无法确认您是谁。请用您本人的身份发送：匿名管理员请先在群设置里关闭「匿名」，以频道身份发言的请切换回个人账号。';

type Update = { update_id: number; message: Record<string, unknown> };
let nextId = 730031000;
/** The fixture with another text (and a fresh update_id), entities matching a leading command. */
function withText(name: string, text: string): Update {
  return fixture<Update>(name, (u) => {
    u.update_id = ++nextId;
    u.message.message_id = nextId;
    u.message.text = text;
    const command = /^\/\S+/u.exec(text)?.[0];
    if (command) u.message.entities = [{ offset: 0, length: command.length, type: 'bot_command' }];
    else delete u.message.entities;
  });
}

const rows = (bot: TelegramTestBot, sql: string) => bot.store.sqlite.prepare(sql).all() as Record<string, unknown>[];
const identityState = (bot: TelegramTestBot) => ({
  identities: rows(bot, 'select platform, user_id, person_id, matched_by from identities order by platform, user_id'),
  people: rows(bot, 'select id, name from people order by id'),
  roles: rows(bot, 'select person_id, role, region_code from roles order by person_id, role, region_code'),
});
const sentTexts = (bot: TelegramTestBot) => bot.fake.sends().map((c) => (c.payload as { text: string }).text);

async function postAll(bot: TelegramTestBot, updates: Update[]): Promise<void> {
  for (const u of updates) expect((await bot.post(u)).status).toBe(200);
  await bot.settle();
}

describe('Telegram posts made as a chat are nobody', () => {
  it("a linked channel's automatic forward cannot join, link or record as a person", async () => {
    const bot = await telegramTestBot();
    const before = identityState(bot);
    await postAll(bot, [
      fixture<Update>('channel-auto-forward'),
      withText('channel-auto-forward', '/link'),
      withText('channel-auto-forward', '建议 村口修一座桥'),
    ]);
    expect(sentTexts(bot)).toEqual([REFUSAL, REFUSAL, REFUSAL]);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, "select count(*) as n from identities where user_id in ('777000', '-1009999000001')")).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select count(*) as n from join_requests')).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select count(*) as n from link_codes')).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select count(*) as n from records')).toEqual([{ n: 0 }]);
  });

  it('a user posting as a channel in the group cannot join either', async () => {
    const bot = await telegramTestBot();
    const before = identityState(bot);
    await postAll(bot, [fixture<Update>('post-as-channel'), withText('post-as-channel', '/link')]);
    expect(sentTexts(bot)).toEqual([REFUSAL, REFUSAL]);
    expect(identityState(bot)).toEqual(before);
    expect(rows(bot, 'select count(*) as n from join_requests')).toEqual([{ n: 0 }]);
  });

  it("Telegram's service account is nobody even without sender_chat; a real member in the same group still joins", async () => {
    const bot = await telegramTestBot();
    const service = withText('channel-auto-forward', '/join 陈三 3333');
    delete service.message.sender_chat;
    await postAll(bot, [service]);
    expect(sentTexts(bot)).toEqual([REFUSAL]);
    expect(rows(bot, "select count(*) as n from identities where user_id = '777000'")).toEqual([{ n: 0 }]);

    bot.fake.clear();
    await postAll(bot, [groupText('/join 李秀英 2468', { id: 108, name: '李秀英' })]);
    expect(sentTexts(bot)[0]).toMatch(/^欢迎您，李秀英/u);
    expect(rows(bot, "select person_id, matched_by from identities where platform = 'telegram' and user_id = '108'")).toEqual([
      { person_id: 'demo-cadre-li', matched_by: 'phone_tail' },
    ]);
  });

  it('each chat speaking stands in by its own id, so two channels are never one sender', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const senderOf = (u: unknown) => {
      const parsed = parseUpdate(u, BOT_INFO, now);
      if (parsed.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(parsed)}`);
      return parsed.event.sender;
    };
    expect(senderOf(fixture('channel-auto-forward'))).toEqual({ userId: '-1009999000001', displayName: '温泉村公告', anonymous: true });
    expect(senderOf(fixture('post-as-channel'))).toEqual({ userId: '-1008888000002', displayName: '李家小卖部', anonymous: true });
    const anonymousAdmin = groupText('/help') as unknown as Update;
    anonymousAdmin.message.from = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
    expect(senderOf(anonymousAdmin)).toEqual({ userId: '-1001234567890', displayName: '温泉村规划编制组', anonymous: true });
    anonymousAdmin.message.sender_chat = { id: -1001234567890, title: '温泉村规划编制组', type: 'supergroup' };
    expect(senderOf(anonymousAdmin)).toEqual({ userId: '-1001234567890', displayName: '温泉村规划编制组', anonymous: true });
  });
});
