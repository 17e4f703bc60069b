import { gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chats, meetingAttendance, nudges, outbox, people } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const TZ_OFFSET = 8 * 3600_000;
const local = (ms: number) => new Date(ms + TZ_OFFSET).toISOString().slice(0, 16).replace('T', ' ');
const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });

/**
 * Every outbox row as first written: retention empties sent messages' words after a day and
 * deletes sent replies after a week, and the month is checked as a whole at its end.
 */
const seen = new Map<number, typeof outbox.$inferSelect>();
async function capture(bot: TestBot) {
  const after = Math.max(0, ...seen.keys());
  for (const r of await bot.store.db.select().from(outbox).where(gt(outbox.id, after))) seen.set(r.id, r);
}

async function walk(bot: TestBot, fromIso: string, toIso: string, stepMs: number, at: Record<string, () => Promise<void>>) {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMs) {
    const iso = new Date(t).toISOString();
    bot.clock.set(iso);
    await at[iso]?.();
    await capture(bot);
    await bot.tick(new Date(t));
    await capture(bot);
  }
}

describe('a programme month over the demo village', () => {
  it('never names a lagging, absent or late person in a group', { timeout: 300_000 }, async () => {
    // Escalation after one unanswered reminder (a deployment's choice) so that a month shows it.
    const bot = await testBot({ clock: fixedClock('2026-11-01T02:00:00Z'), env: { NUDGE_ESCALATE_AFTER: '1' } });
    const db = bot.store.db;
    // 张卫东, the leader 杨建国 and the township station's 赵强 have private chats with the bot;
    // 王海 has none.
    await say(bot, privately(DEMO.zhang), '我的');
    await say(bot, privately(DEMO.leader), '帮助');
    await say(bot, privately(DEMO.township), '帮助');

    await walk(bot, '2026-11-01T16:00:00Z', '2026-12-01T04:00:00Z', 30 * 60_000, {
      '2026-11-02T02:00:00.000Z': async () => {
        await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
      },
      '2026-11-04T02:00:00.000Z': async () => {
        await say(bot, DEMO.leader, '会议 11月12日下午3点 村民恳谈会 @村委会议室');
      },
      '2026-11-11T10:00:00.000Z': async () => {
        await say(bot, DEMO.council, '请假 外出学习');
      },
      '2026-11-12T06:30:00.000Z': async () => {
        bot.clock.set('2026-11-12T06:50:00Z');
        await say(bot, DEMO.leader, '签到');
        bot.clock.set('2026-11-12T07:10:00Z');
        // Late: the group is not told.
        expect((await say(bot, DEMO.zhang, '签到')).texts).toEqual(['已签到：会议#1「村民恳谈会」']);
        bot.clock.set('2026-11-12T06:30:00Z');
      },
      // 张卫东 looks at 我的 in private: that answers his reminder.
      '2026-11-20T02:00:00.000Z': async () => {
        await say(bot, privately(DEMO.zhang), '我的');
      },
      '2026-11-24T02:00:00.000Z': async () => {
        expect((await say(bot, DEMO.wang, '统计')).texts[0]).not.toContain('王海');
      },
    });

    await capture(bot);
    const all = [...seen.values()].sort((a, b) => a.id - b.id);
    const text = (r: (typeof all)[number]) => JSON.parse(r.payload).text as string;
    const groups = new Set((await db.select().from(chats)).filter((c) => c.type === 'group').map((c) => c.chatId));
    const groupRows = all.filter((r) => groups.has(r.chatId));
    const roster = new Map((await db.select().from(people)).map((p) => [p.id, p.name]));

    // Who was lagging (reminded), absent or late this month.
    const reminded = (await db.select().from(nudges)).map((n) => n.personId);
    const missedOrLate = (await db.select().from(meetingAttendance)).filter((a) => a.status === 'late' || a.status === 'invited').map((a) => a.personId);
    const behind = [...new Set([...reminded, ...missedOrLate])].map((id) => roster.get(id)!).sort();
    expect(behind).toEqual(['张卫东', '李秀英', '杨建国', '王海']);
    // THE check: every group row's text against every roster name of someone behind.
    expect(groupRows.length).toBeGreaterThan(40);
    const naming = groupRows.flatMap((r) => behind.filter((name) => text(r).includes(name)).map((name) => `${r.key}: ${name}`));
    expect(naming).toEqual([]);
    // And reminders and attendance in groups name nobody on the roster at all.
    for (const r of groupRows.filter((r) => /^nudge|summary/u.test(r.key))) for (const name of roster.values()) expect(text(r)).not.toContain(name);

    // What the group saw instead: one anonymous line a month, attendance in counts.
    expect(groupRows.filter((r) => r.key.startsWith('nudge')).map((r) => [r.key, local(r.createdAt), text(r)])).toEqual([
      ['nudge-village:530403101208:2026-11:local:wenquan-village', '2026-11-02 08:00', '本村还有 1 位干部的五个一未完成，完成了请发给我记录。'],
      ['nudge-village:530403101208:2026-12:local:wenquan-village', '2026-12-01 08:00', '本村还有 1 位干部的五个一未完成，完成了请发给我记录。'],
    ]);
    expect(groupRows.filter((r) => r.key.endsWith(':summary')).map(text)).toEqual([
      '会议#1「村民恳谈会」 签到结束\n应到 5 人，实到 2 人，请假 1 人，代签 0 人。\n名单已私信发给会议组织人。',
    ]);

    // Names went in private: the organiser got the attendance list; the leader and the township
    // station got 王海's name, as he cannot be reminded himself.
    const privateRows = all.filter((r) => !groups.has(r.chatId));
    const line = (r: (typeof all)[number]) => [r.chatId, local(r.createdAt), text(r).split('\n')[0]];
    expect(privateRows.filter((r) => r.key.includes(':summary:organiser:')).map((r) => [r.chatId, text(r)])).toEqual([
      [
        'private-u-yang',
        '会议#1「村民恳谈会」 签到结束（名单只发给您，请勿转发到群里）\n到会 2 人（按时 1，迟到 1），请假 1 人，缺席 2 人。\n签到：杨建国\n迟到：张卫东\n请假：普丽（外出学习）\n缺席：李秀英、王海',
      ],
    ]);
    expect(privateRows.filter((r) => r.key.startsWith('nudge')).map(line)).toEqual([
      ['private-u-zhang', '2026-11-02 08:00', '张卫东，您的五个一还差：乡情恳谈、实地走访、中肯建议、为民实事、村规民约。'],
      ['private-u-yang', '2026-11-02 08:00', '江川区江城镇温泉村有 1 位干部的五个一未完成，但还没有和我私聊，提醒发不到本人：'],
      ['private-u-jiangcheng', '2026-11-02 08:00', '江川区江城镇温泉村有 1 位干部的五个一未完成，但还没有和我私聊，提醒发不到本人：'],
      // The leader is judged on reviewing: 建议#1 waited 14 days.
      ['private-u-yang', '2026-11-16 10:30', '杨建国，江川区江城镇温泉村有 1 条建议等待审核超过 14 天：建议#1。'],
      ['private-u-zhang', '2026-12-01 08:00', '张卫东，您的五个一还差：实地走访、为民实事、村规民约。'],
      ['private-u-yang', '2026-12-01 08:00', '杨建国，江川区江城镇温泉村有 1 条建议等待审核超过 14 天：建议#1。'],
      ['private-u-yang', '2026-12-01 08:00', '江川区江城镇温泉村有 1 位干部的五个一未完成，但还没有和我私聊，提醒发不到本人：'],
      ['private-u-jiangcheng', '2026-12-01 08:00', '江川区江城镇温泉村有 1 位干部的五个一未完成，但还没有和我私聊，提醒发不到本人：'],
      ['private-u-jiangcheng', '2026-12-01 08:00', '请联络站关注：江川区江城镇温泉村回乡干部 王海 的五个一还差：乡情恳谈、实地走访、中肯建议、为民实事、村规民约。'],
      ['private-u-jiangcheng', '2026-12-01 08:00', '请联络站关注：江川区江城镇温泉村有 1 条建议等待审核超过 14 天：建议#1。'],
    ]);
    // Escalation is fair: 张卫东 looked at 我的 after his reminder and is not reported; the facts
    // about 王海 and the leader go to the station contact in private.
    expect((await db.select().from(nudges)).map((n) => [n.personId, local(n.sentAt), n.escalated])).toEqual([
      ['demo-cadre-wang', '2026-11-02 08:00', 0],
      ['demo-cadre-zhang', '2026-11-02 08:00', 0],
      ['demo-leader', '2026-11-16 10:30', 0],
      ['demo-cadre-wang', '2026-12-01 08:00', 1],
      ['demo-cadre-zhang', '2026-12-01 08:00', 0],
      ['demo-leader', '2026-12-01 08:00', 1],
    ]);
    expect(text(privateRows.find((r) => r.key === 'nudge:demo-cadre-wang:2026-W49:escalate:demo-township')!)).toBe(
      [
        '请联络站关注：江川区江城镇温泉村回乡干部 王海 的五个一还差：乡情恳谈、实地走访、中肯建议、为民实事、村规民约。',
        '已提醒 2 次（11-02、12-01），此后没有在机器人上做任何事，从未使用过。',
        '本人还没有和我私聊，提醒是转告组长的。',
        '如本人借调、生病等暂时参加不了，可以发「暂停 姓名 至 日期 理由」。',
      ].join('\n'),
    );
    // Nothing anywhere asks for a photo or a screenshot as proof, or for a reply.
    for (const r of all) expect(text(r) ?? '').not.toMatch(/截图|请上传照片|拍照上传|请回复|收到请回复/u);
  });
});
