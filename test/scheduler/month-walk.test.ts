import { gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { grantRoleStatement, linkIdentityStatement, upsertPersonStatement } from '../../src/db/repo/people.js';
import { DEMO_VILLAGE } from '../../src/db/seed/demo.js';
import { nudges, outbox } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const TZ_OFFSET = 8 * 3600_000;
/** Beijing wall clock of an instant, for readable expectations. */
const local = (ms: number) => new Date(ms + TZ_OFFSET).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Every outbox row as first written: sent rows are emptied after a day and deleted after a week
 * (retention), and a month's walk looks back further than that.
 */
const seen = new Map<number, typeof outbox.$inferSelect>();
async function capture(bot: TestBot) {
  const after = Math.max(0, ...seen.keys());
  for (const r of await bot.store.db.select().from(outbox).where(gt(outbox.id, after))) seen.set(r.id, r);
}

async function walk(bot: TestBot, fromIso: string, toIso: string, stepMs: number, at?: Record<string, () => Promise<void>>) {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMs) {
    const iso = new Date(t).toISOString();
    bot.clock.set(iso);
    await at?.[iso]?.();
    await capture(bot);
    await bot.tick(new Date(t));
    await capture(bot);
  }
}

async function rows(_bot: TestBot, prefix: string, chatId?: string) {
  return [...seen.values()].sort((a, b) => a.id - b.id).filter((r) => r.key.startsWith(prefix) && (!chatId || r.chatId === chatId));
}

describe('a month of scheduling around the 2026 National Day holiday', () => {
  // A month walked in 15-minute steps: thousands of ticks, so more than the default time on a busy machine.
  it('sends digests, the monthly inspection and nudges on working days, once each', { timeout: 120_000 }, async () => {
    const bot = await testBot({ clock: fixedClock('2026-09-10T02:00:00Z') });
    const db = bot.store.db;
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, { ...DEMO.zhang, chatId: 'private-u-zhang', chatType: 'private' }, '我的');
    // 陈新 joined on Saturday 2026-09-26; fourteen days later is Saturday 10-10, a make-up working day.
    const joined = Date.parse('2026-09-25T16:00:00Z');
    await bot.store.commit([
      upsertPersonStatement(db, { id: 'p-chen', name: '陈新', homeRegion: DEMO_VILLAGE, onRoster: 1, createdAt: joined }),
      grantRoleStatement(db, 'p-chen', 'cadre', DEMO_VILLAGE, joined),
      linkIdentityStatement(db, { platform: 'local', userId: 'u-chen', personId: 'p-chen', displayName: '陈新', linkedAt: joined }),
    ]);

    await walk(bot, '2026-09-27T16:00:00Z', '2026-10-26T15:45:00Z', 15 * 60_000, {
      // 张卫东 answers a nudge by recording a visit.
      '2026-10-09T02:00:00.000Z': async () => {
        await say(bot, DEMO.zhang, '走访：走访了 5 户老党员');
      },
    });

    const digests = await rows(bot, 'digest:week:', 'jiangcheng-station');
    expect(digests.map((r) => [r.key, local(r.createdAt)])).toEqual([
      ['digest:week:2026-W40:local:jiangcheng-station', '2026-09-28 09:00'],
      // Monday 10-05 to Wednesday 10-07 are National Day holidays.
      ['digest:week:2026-W41:local:jiangcheng-station', '2026-10-08 09:00'],
      ['digest:week:2026-W42:local:jiangcheng-station', '2026-10-12 09:00'],
      ['digest:week:2026-W43:local:jiangcheng-station', '2026-10-19 09:00'],
      ['digest:week:2026-W44:local:jiangcheng-station', '2026-10-26 09:00'],
    ]);
    expect((await rows(bot, 'digest:week:2026-W40:')).map((r) => r.chatId)).toEqual(['jiangcheng-station', 'jiangchuan-station', 'lvzhi-station', 'taskforce']);
    expect(JSON.parse(digests[0]!.payload)).toEqual({
      title: '周调度',
      text: [
        '周调度 · 江川区江城镇 · 9月21日—27日',
        '本周新增：建议 0，实事 0，走访 0，问题 0，村规 0，会议 0 场',
        '累计：记录 1 条，会议 0 场；在册干部 5 人，已登记 4 人（80%）；五个一完成率 4%，五项全完成 0 人',
        '建议审核：待审核 1',
        '分区情况：',
        '· 🟠温泉村：本周 0 条、会议 0 场；累计 1 条、会议 0 场；干部 4/5 已登记，完成率 4%，五项全完成 0 人；建议 待审核 1',
        '14天无动静的村（1 个）：江川区江城镇温泉村',
        '待审核超过 7 天的建议（1 条）：建议#1（江川区江城镇温泉村，17 天）',
        '待交办超过 7 天的问题（0 个）：无',
        '超期未办结的问题（0 个）：无',
      ].join('\n'),
    });
    // The week of the visit: no longer idle.
    expect(JSON.parse(digests[2]!.payload).text).toContain('本周新增：建议 0，实事 0，走访 1，问题 0，村规 0，会议 0 场');
    expect(JSON.parse(digests[2]!.payload).text).toContain('14天无动静的村（0 个）：无');

    const monthly = await rows(bot, 'inspect:month:');
    expect(monthly.map((r) => [r.key, local(r.createdAt)])).toEqual([
      ['inspect:month:2026-09:local:jiangcheng-station', '2026-10-08 09:00'],
      ['inspect:month:2026-09:local:jiangchuan-station', '2026-10-08 09:00'],
      ['inspect:month:2026-09:local:lvzhi-station', '2026-10-08 09:00'],
      ['inspect:month:2026-09:local:taskforce', '2026-10-08 09:00'],
    ]);
    expect(JSON.parse(monthly[3]!.payload).text).toBe(
      [
        '月督查 · 玉溪市 · 2026年9月',
        '五色督办：🟢绿 0  🔵蓝 0  🟡黄 0  🟠橙 1  🔴红 1',
        '评定：五个一完成率 ≥80% 且 14 天内有动静为绿，≥60% 蓝，≥40% 黄，≥20% 或 30 天内有动静为橙，其余为红。暂停的干部不计入完成率。',
        '🟠橙：江川区江城镇温泉村（4%）',
        '🔴红色督办（1 个）：',
        '· 峨山彝族自治县岔河乡文山村：五个一完成率 0%，280天无动静；挂包联系：峨山彝族自治县岔河乡联络服务站',
      ].join('\n'),
    );

    // Reminders: at most one a month, 08:00 on the first working day of the month (never in quiet
    // hours, never on a holiday), none in a cadre's first 30 days: 陈新's first on 10-26. Nobody
    // is escalated within a month. 杨建国 and 普丽 review suggestions and are judged on that, not
    // on five-ones items; with no private chat they are not reminded at all.
    const nudgeRows = await db.select().from(nudges).orderBy(nudges.sentAt, nudges.personId);
    expect(nudgeRows.map((n) => [n.personId, n.week, local(n.sentAt), n.escalated])).toEqual([
      ['demo-cadre-wang', '2026-W40', '2026-09-28 08:00', 0],
      ['demo-cadre-zhang', '2026-W40', '2026-09-28 08:00', 0],
      ['demo-cadre-wang', '2026-W41', '2026-10-08 08:00', 0],
      ['demo-cadre-zhang', '2026-W41', '2026-10-08 08:00', 0],
      ['p-chen', '2026-W44', '2026-10-26 08:00', 0],
    ]);
    const zhang = await rows(bot, 'nudge:demo-cadre-zhang:2026-W40');
    expect(zhang.map((r) => [r.chatId, JSON.parse(r.payload)])).toEqual([
      [
        'private-u-zhang',
        {
          text: [
            '张卫东，您的五个一还差：乡情恳谈、实地走访、为民实事、村规民约。',
            '· 乡情恳谈：参加恳谈会或座谈会时签到',
            '· 实地走访：「走访 今天走访了3户」',
            '· 为民实事：「实事 帮村里联系了农技培训」',
            '· 村规民约：「村规 建议增加垃圾分类条款」',
            '做了随时发给我就能记上，照片可发可不发。这条提醒不用回复；暂时参加不了可以发「暂停 至 2027-01-31 理由」。',
          ].join('\n'),
        },
      ],
    ]);
    // 王海 and 陈新 have no private chat: the group hears a count, once a month, and no name.
    const group = (await rows(bot, 'nudge')).filter((r) => r.chatId === 'wenquan-village');
    expect(group.map((r) => [r.key, local(r.createdAt), JSON.parse(r.payload)])).toEqual([
      ['nudge-village:530403101208:2026-09:local:wenquan-village', '2026-09-28 08:00', { text: '本村还有 1 位干部的五个一未完成，完成了请发给我记录。' }],
      ['nudge-village:530403101208:2026-10:local:wenquan-village', '2026-10-08 08:00', { text: '本村还有 1 位干部的五个一未完成，完成了请发给我记录。' }],
    ]);

    // Replayed, and run twice at once: nothing new is queued.
    const before = (await db.select().from(outbox)).length;
    await walk(bot, '2026-10-07T23:45:00Z', '2026-10-08T01:15:00Z', 15 * 60_000);
    await Promise.all([bot.tick(new Date('2026-10-26T01:00:00Z')), bot.tick(new Date('2026-10-26T01:00:00Z'))]);
    expect((await db.select().from(outbox)).length).toBe(before);
    expect((await db.select().from(outbox)).every((r) => r.state === 'sent')).toBe(true);
  });
});
