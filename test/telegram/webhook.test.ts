import { describe, expect, it } from 'vitest';
import { fixture, groupText, SECRET, telegramTestBot, VILLAGE_GROUP, type TelegramTestBot } from './support/telegram-bot.js';

const VISIT_SAVED = '已记录 走访#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ✅实地走访 ⬜中肯建议 ⬜为民实事 ⬜村规民约';

function counts(bot: TelegramTestBot) {
  const one = (sql: string) => (bot.store.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    processed: one('select count(*) n from processed_events'),
    outbox: one('select count(*) n from outbox'),
    records: one('select count(*) n from records'),
  };
}

describe('POST /webhook/telegram: who may post and what is accepted', () => {
  it('refuses a wrong or missing secret token with 401, recording and sending nothing', async () => {
    const bot = await telegramTestBot();
    const before = counts(bot);
    const wrong = await bot.post(fixture('group-command'), { secret: `${SECRET}x` });
    const missing = await bot.post(fixture('group-command'), { secret: null });
    await bot.settle();
    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(counts(bot)).toEqual(before);
    expect(bot.fake.calls).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const bot = await telegramTestBot();
    const update = groupText(`/suggest ${'很'.repeat(400_000)}`);
    const res = await bot.post(update);
    expect(res.status).toBe(413);
    expect(counts(bot).processed).toBe(0);
  });

  it('answers malformed JSON and a body without update_id with 400, an unknown update type with a quiet 200', async () => {
    const bot = await telegramTestBot();
    const malformed = await bot.post(null, { body: '{"update_id": 1, "message": ' });
    const noId = await bot.post({ message: fixture<{ message: unknown }>('group-command').message });
    const poll = await bot.post({ update_id: 730019999, poll: { id: '5', question: '?', options: [], total_voter_count: 0 } });
    const oddMessage = await bot.post({ update_id: 730019998, message: { message_id: 'x', chat: 5 } });
    await bot.settle();
    expect([malformed.status, noId.status, poll.status, oddMessage.status]).toEqual([400, 400, 200, 200]);
    expect(counts(bot)).toMatchObject({ processed: 0, outbox: 0 });
    expect(bot.fake.calls).toEqual([]);
  });
});

describe('group messages', () => {
  it('records "/visit@this_bot …" with a bot_command entity and replies in HTML, quoting the command', async () => {
    const bot = await telegramTestBot();
    const res = await bot.post(fixture('group-command'));
    expect(res.status).toBe(200);
    await bot.settle();

    expect(bot.fake.sends()).toEqual([
      {
        method: 'sendMessage',
        at: expect.any(Number),
        payload: {
          chat_id: VILLAGE_GROUP,
          text: VISIT_SAVED,
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_parameters: { message_id: 51, allow_sending_without_reply: true },
        },
      },
    ]);
    const record = bot.store.sqlite.prepare('select kind, seq, text, person_id, platform, chat_id, event_id, evidence from records').all();
    expect(record).toEqual([
      { kind: 'visit', seq: 1, text: '走访了三户', person_id: 'demo-cadre-zhang', platform: 'telegram', chat_id: VILLAGE_GROUP, event_id: '730012001', evidence: null },
    ]);
    const outbox = bot.store.sqlite.prepare('select key, chat_id, state, sent_message_id from outbox').all();
    expect(outbox).toEqual([{ key: 'telegram:730012001:0', chat_id: VILLAGE_GROUP, state: 'sent', sent_message_id: '1001' }]);
  });

  it('changes nothing when Telegram delivers the same update_id again', async () => {
    const bot = await telegramTestBot();
    await bot.post(fixture('group-command'));
    await bot.settle();
    const before = counts(bot);
    const again = await bot.post(fixture('group-command'));
    await bot.settle();
    expect(again.status).toBe(200);
    expect(counts(bot)).toEqual(before);
    expect(bot.fake.sends()).toHaveLength(1);
  });

  it('ignores a command addressed to another bot, and answers one addressed to this bot', async () => {
    const bot = await telegramTestBot();
    const other = await bot.post(fixture('command-other-bot'));
    await bot.settle();
    expect(other.status).toBe(200);
    expect(bot.fake.calls).toEqual([]);
    expect(counts(bot)).toMatchObject({ processed: 0, outbox: 0 });

    await bot.post(groupText('/help@GuiXiang_Bot'));
    await bot.settle();
    const [help] = bot.fake.sends();
    expect(help?.payload.chat_id).toBe(VILLAGE_GROUP);
    expect(String(help?.payload.text)).toMatch(/^归乡 · 干部规划家乡行动助手\n本群：江川区江城镇温泉村 · /u);
  });

  it('takes "@this_bot 建议 …" as the keyword command where the bot sees it', async () => {
    const bot = await telegramTestBot();
    const update = groupText('@guixiang_bot 建议 村口路灯坏了');
    update.message.entities = [{ offset: 0, length: 13, type: 'mention' }];
    await bot.post(update);
    await bot.settle();
    expect(bot.store.sqlite.prepare('select kind, text from records').all()).toEqual([{ kind: 'suggestion', text: '村口路灯坏了' }]);
  });

  it('takes a reply to the bot\'s question as the answer, as privacy mode delivers it', async () => {
    const bot = await telegramTestBot();
    await bot.post(groupText('/suggest'));
    await bot.settle();
    const question = bot.fake.sends()[0]!;
    const answer = groupText('村口需要一盏路灯', undefined, undefined, 502) as ReturnType<typeof groupText> & { message: Record<string, unknown> };
    answer.message.reply_to_message = {
      message_id: 1001,
      from: { id: 7000000001, is_bot: true, first_name: '归乡', username: 'guixiang_bot' },
      chat: { id: Number(VILLAGE_GROUP), title: '温泉村规划编制组', type: 'supergroup' },
      date: 1796090400,
      text: question.payload.text,
    };
    await bot.post(answer);
    await bot.settle();
    expect(bot.store.sqlite.prepare('select kind, text from records').all()).toEqual([{ kind: 'suggestion', text: '村口需要一盏路灯' }]);
  });

  it('records a photo with the caption "/visit 走访了三户", keeping the largest size as evidence', async () => {
    const bot = await telegramTestBot();
    await bot.post(fixture('photo-caption'));
    await bot.settle();
    const rows = bot.store.sqlite.prepare('select kind, text, evidence, event_id from records').all();
    expect(rows).toEqual([
      { kind: 'visit', text: '走访了三户', evidence: JSON.stringify([{ kind: 'photo', fileId: 'AgACAgUAAxkBAAIBQ2bLarge' }]), event_id: '730012008' },
    ]);
    expect(bot.fake.sends().map((c) => c.payload.text)).toEqual([VISIT_SAVED]);
  });

  it('answers an edited message with a quiet 200 and records nothing a second time', async () => {
    const bot = await telegramTestBot();
    await bot.post(fixture('group-command'));
    await bot.settle();
    bot.fake.clear();
    const res = await bot.post(fixture('edited-message'));
    await bot.settle();
    expect(res.status).toBe(200);
    expect(bot.store.sqlite.prepare('select text from records').all()).toEqual([{ text: '走访了三户' }]);
    expect(bot.fake.calls).toEqual([]);
    expect(counts(bot).processed).toBe(1);
  });

  it('keeps display names and usernames current', async () => {
    const bot = await telegramTestBot();
    const update = groupText('/me');
    update.message.from = { id: 1001, is_bot: false, first_name: '卫东', last_name: '张', username: 'wd_zhang' } as typeof update.message.from;
    await bot.post(update);
    await bot.settle();
    expect(bot.store.sqlite.prepare("select display_name, username from identities where platform = 'telegram' and user_id = '1001'").get()).toEqual({
      display_name: '卫东 张',
      username: 'wd_zhang',
    });
  });

  it('answers the webhook before a slow Bot API has taken the reply', async () => {
    const bot = await telegramTestBot();
    const release = bot.fake.hold();
    const res = await bot.post(groupText('/help'));
    expect(res.status).toBe(200);
    // The reply is on its way to the Bot API, which has not answered yet.
    for (let i = 0; i < 100 && bot.fake.held() === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(bot.fake.held()).toBe(1);
    expect(bot.fake.sends()).toEqual([]);
    expect(bot.store.sqlite.prepare('select state from outbox').all()).toEqual([{ state: 'sending' }]);
    release();
    await bot.settle();
    expect(bot.fake.sends()).toHaveLength(1);
    expect(bot.store.sqlite.prepare('select state from outbox').all()).toEqual([{ state: 'sent' }]);
  });
});
