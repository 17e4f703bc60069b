import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingAttendance, meetings, outbox } from '../../src/db/schema/index.js';
import { DEMO_VILLAGE } from '../../src/db/seed/demo.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const VILLAGE = 'wenquan-village';

async function keys(bot: TestBot, prefix: string) {
  return (await bot.store.db.select().from(outbox).orderBy(outbox.id)).filter((r) => r.key.startsWith(prefix)).map((r) => r.key);
}

async function tickAt(bot: TestBot, iso: string) {
  bot.clock.set(iso);
  await bot.tick(new Date(iso));
}

describe('meetings as organisers type them, cancelled and moved', () => {
  it('keeps the title whole, moves the reminders with the time and marks nobody absent for a cancelled meeting', async () => {
    // Tuesday 2026-12-01 10:00 in Beijing.
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    expect((await say(bot, DEMO.leader, '会议 周五下午3点 三级联席会议')).texts).toEqual([
      '已安排 会议#1「三级联席会议」\n时间：2026-12-04 15:00（周五）\n签到时间：14:45–15:30，届时发送「签到」或点签到按钮；不能参加请提前发送「请假 理由」。\n会前 24 小时和 1 小时我会提醒大家。',
    ]);
    const [first] = await bot.store.db.select().from(meetings);
    expect(first).toMatchObject({ seq: 1, title: '三级联席会议', kind: 'joint', status: 'scheduled', startsAt: Date.parse('2026-12-04T07:00:00Z'), movedAt: null });

    // The day-before reminder of the first time goes out; then the meeting moves to Saturday.
    await tickAt(bot, '2026-12-03T07:00:00Z');
    expect(await keys(bot, `meeting:${first!.id}`)).toEqual([`meeting:${first!.id}:remind:24h:local:${VILLAGE}`]);
    bot.clock.set('2026-12-03T08:00:00Z');
    expect((await say(bot, DEMO.zhang, '改期 会议#1 周六上午9点')).texts).toEqual(['您没有使用「改期」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, DEMO.leader, '改期 会议#9 周六上午9点')).texts).toEqual(['没有找到本群能改的会议#9。已经开过的会不能取消或改期。']);
    expect((await say(bot, DEMO.leader, '改期 会议#1 昨天上午9点')).texts).toEqual(['没看懂新的时间，例如「改期 会议#4 周五下午3点」。']);
    expect((await say(bot, DEMO.leader, '改期 会议#1 今天上午9点')).texts).toEqual(['新的时间已经过去了，请写一个以后的时间。']);
    expect((await say(bot, DEMO.leader, '/meeting move 会议#1 周六上午9点')).texts).toEqual([
      '会议改期：会议#1「三级联席会议」\n原定：2026-12-04 15:00（周五）\n改为：2026-12-05 09:00（周六）\n签到时间：08:45–09:30。会前 24 小时和 1 小时我会按新时间提醒大家。',
    ]);
    const [moved] = await bot.store.db.select().from(meetings).where(eq(meetings.seq, 1));
    const newStart = Date.parse('2026-12-05T01:00:00Z');
    expect(moved).toMatchObject({ startsAt: newStart, signinOpensAt: newStart - 15 * 60_000, signinClosesAt: newStart + 30 * 60_000, movedAt: Date.parse('2026-12-03T08:00:00Z'), status: 'scheduled' });

    // The new time's reminders under keys of their own; nothing more at the old time.
    await tickAt(bot, '2026-12-04T00:59:00Z');
    expect(await keys(bot, `meeting:${first!.id}`)).toEqual([`meeting:${first!.id}:remind:24h:local:${VILLAGE}`]);
    await tickAt(bot, '2026-12-04T01:00:00Z');
    await tickAt(bot, '2026-12-04T06:00:00Z');
    await tickAt(bot, '2026-12-04T07:00:00Z');
    await tickAt(bot, '2026-12-05T00:00:00Z');
    expect(await keys(bot, `meeting:${first!.id}`)).toEqual([
      `meeting:${first!.id}:remind:24h:local:${VILLAGE}`,
      `meeting:${first!.id}@${newStart}:remind:24h:local:${VILLAGE}`,
      `meeting:${first!.id}@${newStart}:remind:1h:local:${VILLAGE}`,
    ]);

    // A meeting under way is neither cancelled nor moved.
    bot.clock.set('2026-12-05T00:50:00Z');
    expect((await say(bot, DEMO.leader, '取消会议 会议#1')).texts).toEqual(['会议#1「三级联席会议」 已经开始签到，不能再取消或改期。']);

    // A 党员大会 cancelled: the chat is told, and at its would-be close nobody is listed absent.
    bot.clock.set('2026-12-05T02:00:00Z');
    await say(bot, DEMO.leader, '会议 12月8日上午10点 党员大会');
    expect((await say(bot, DEMO.leader, '取消会议')).texts).toEqual(['请写上要取消的会议号，例如「取消会议 会议#4 天气原因」。']);
    expect((await say(bot, DEMO.leader, '取消会议 会议#2 天气原因')).texts).toEqual([
      '会议取消：会议#2「党员大会」\n原定时间：2026-12-08 10:00（周二）\n理由：天气原因\n会议不再召开，不计缺席。',
    ]);
    expect((await say(bot, DEMO.leader, '/meeting cancel 会议#2')).texts).toEqual(['会议#2「党员大会」 已经取消了。需要的话请重新发送「会议 时间 名称」安排。']);
    const [cancelled] = await bot.store.db.select().from(meetings).where(eq(meetings.seq, 2));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '天气原因', summary: null });
    await tickAt(bot, '2026-12-07T02:00:00Z');
    await tickAt(bot, '2026-12-08T02:30:00Z');
    expect(await keys(bot, `meeting:${cancelled!.id}`)).toEqual([]);
    expect((await say(bot, DEMO.wang, '签到')).texts).toEqual(['本群现在没有要签到的会议。组长或理事会成员可以发送「会议 时间 名称」安排会议。']);
  });

  it('credits a 恳谈 once it took place, and records one attended offline', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.leader, '会议 明天上午10点 村民恳谈会');
    // Scheduled is not held: the organiser is not credited yet.
    expect((await say(bot, DEMO.leader, '我的')).texts[0]).toContain('⬜ 乡情恳谈');
    // Started, but nobody signed in: still not held.
    bot.clock.set('2026-12-02T02:05:00Z');
    await bot.tick(new Date('2026-12-02T01:45:00Z'));
    expect((await say(bot, DEMO.leader, '我的')).texts[0]).toContain('⬜ 乡情恳谈');
    expect((await say(bot, DEMO.zhang, '签到')).texts).toEqual(['已签到：会议#1「村民恳谈会」']);
    expect((await say(bot, DEMO.leader, '我的')).texts[0]).toContain('✅ 乡情恳谈 1 次');
    expect((await say(bot, DEMO.zhang, '我的')).texts[0]).toContain('✅ 乡情恳谈 1 次');

    expect((await say(bot, DEMO.wang, '恳谈')).texts).toEqual(['请写上恳谈的内容，例如「恳谈 参加了村里的乡情恳谈会，听取了规划意见」。']);
    expect((await say(bot, DEMO.wang, '恳谈 参加了村里的座谈会')).texts).toEqual([
      '已记录 乡情恳谈（会议#2，江川区江城镇温泉村）。\n五个一进度 1/5：✅乡情恳谈 ⬜实地走访 ⬜中肯建议 ⬜为民实事 ⬜村规民约',
    ]);
    const [talk] = await bot.store.db.select().from(meetings).where(eq(meetings.seq, 2));
    expect(talk).toMatchObject({ kind: 'talk', title: '参加了村里的座谈会', status: 'closed', regionCode: DEMO_VILLAGE, createdBy: 'demo-cadre-wang' });
    expect(await bot.store.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, talk!.id))).toEqual([
      { meetingId: talk!.id, personId: 'demo-cadre-wang', status: 'signed', at: Date.parse('2026-12-02T02:05:00Z'), proxyBy: null, reason: null },
    ]);
    expect((await say(bot, DEMO.council, '恳谈 参加了座谈会')).texts).toEqual(['只有已登记的回乡干部才能记录。请先在本村群里发送「登记 姓名」。']);
  });
});
