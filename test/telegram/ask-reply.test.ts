import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bindChatStatement } from '../../src/db/repo/chats.js';
import { outbox } from '../../src/db/schema/index.js';
import { groupText, TG, telegramTestBot, VILLAGE_GROUP } from './support/telegram-bot.js';

const STATION_GROUP = '-1009876543210';

describe('a station answers a relayed question by replying to it in Telegram', () => {
  it('relays the reply back to the cadre’s chat', async () => {
    const bot = await telegramTestBot();
    await bot.store.commit([
      bindChatStatement(
        bot.store.db,
        { platform: 'telegram', chatId: STATION_GROUP, threadId: null, type: 'group' },
        { regionCode: '530403101', purpose: 'township_station', boundBy: 'demo-admin', title: '江城镇联络服务站' },
        0,
      ),
    ]);
    expect((await bot.post(groupText('咨询 宅基地审批要带什么材料？', TG.zhang))).status).toBe(200);
    await bot.settle();
    const relayed = bot.fake.sends().find((c) => String(c.payload.chat_id) === STATION_GROUP);
    expect(relayed?.payload.text).toContain('宅基地审批要带什么材料？');
    const [row] = await bot.store.db
      .select({ sentMessageId: outbox.sentMessageId })
      .from(outbox)
      .where(and(eq(outbox.platform, 'telegram'), eq(outbox.chatId, STATION_GROUP)));
    expect(row?.sentMessageId).toMatch(/^\d+$/u);

    // The task-force admin (in ADMINS) answers in the station group by replying to that message.
    const answer = groupText('带户口本和用地申请表到镇自然资源所。', TG.admin, STATION_GROUP, 900);
    (answer.message as Record<string, unknown>).reply_to_message = { message_id: Number(row!.sentMessageId), date: 1796090400 };
    bot.fake.calls.length = 0;
    expect((await bot.post(answer)).status).toBe(200);
    await bot.settle();
    const back = bot.fake.sends().filter((c) => String(c.payload.chat_id) === VILLAGE_GROUP);
    expect(back.map((c) => c.payload.text)).toEqual([expect.stringContaining('带户口本和用地申请表到镇自然资源所。')]);
  });
});
