import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot } from '../support/bot.js';

describe('a chat bound minutes ago', () => {
  it('is not 14 days idle, and gets its first weekly digest after its first full week', async () => {
    // Monday 2026-11-30 08:50 in Beijing.
    const bot = await testBot({ clock: fixedClock('2026-11-30T00:50:00Z') });
    const admin = { ...DEMO.admin, chatId: 'taskforce' };
    // 文山村's chat was bound long ago and nothing happened since: idle.
    expect((await say(bot, admin, '统计 文山村')).texts[0]).toContain('最近活动 01-01 · 14天无动静');
    // A new group bound to it now starts the clock again.
    expect((await say(bot, { ...DEMO.admin, chatId: 'g-wenshan-new' }, '绑定 文山村')).texts[0]).toContain('文山村');
    expect((await say(bot, admin, '统计 文山村')).texts[0]).not.toContain('14天无动静');

    // A township station chat bound minutes before the Monday digest gets none this week.
    expect((await say(bot, { ...DEMO.admin, chatId: 'g-jiangcheng-new' }, '绑定 江城镇')).texts[0]).toContain('江城镇');
    const digestChats = async () =>
      (await bot.store.db.select().from(outbox).orderBy(outbox.id)).filter((r) => r.key.startsWith('digest:week:')).map((r) => r.chatId);
    bot.clock.set('2026-11-30T01:00:00Z');
    await bot.tick(new Date('2026-11-30T01:00:00Z'));
    expect(await digestChats()).toEqual(['jiangcheng-station', 'jiangchuan-station', 'lvzhi-station', 'taskforce']);
    bot.clock.set('2026-12-07T01:00:00Z');
    await bot.tick(new Date('2026-12-07T01:00:00Z'));
    // The week of 11-30 began before the binding: not yet a full week of its own.
    expect((await digestChats()).slice(4)).toEqual(['jiangcheng-station', 'jiangchuan-station', 'lvzhi-station', 'taskforce']);
    bot.clock.set('2026-12-14T01:00:00Z');
    await bot.tick(new Date('2026-12-14T01:00:00Z'));
    expect((await digestChats()).slice(8)).toEqual(['g-jiangcheng-new', 'jiangcheng-station', 'jiangchuan-station', 'lvzhi-station', 'taskforce']);
  });
});
