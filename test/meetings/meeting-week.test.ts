import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetings, outbox, records } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, press, say, testBot, type TestBot } from '../support/bot.js';

const VILLAGE = 'wenquan-village';

async function rowsLike(bot: TestBot, prefix: string) {
  const rows = await bot.store.db.select().from(outbox).orderBy(outbox.id);
  return rows.filter((r) => r.key.startsWith(prefix)).map((r) => ({ key: r.key, chatId: r.chatId, state: r.state, ...JSON.parse(r.payload) }));
}

/** Ticks every minute from `fromIso` up to and including `toIso`. */
async function tickThrough(bot: TestBot, fromIso: string, toIso: string) {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 60_000) {
    bot.clock.set(new Date(t).toISOString());
    await bot.tick(new Date(t));
  }
}

describe('a meeting through its week', () => {
  it('is scheduled, reminded, opened, signed in to and summarised', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    // 张卫东 has talked to the bot in private, so he can be reminded there.
    await say(bot, { ...DEMO.zhang, chatId: 'private-u-zhang', chatType: 'private' }, '我的');

    const created = await say(bot, DEMO.leader, '会议 12月3日上午9点 村民恳谈会 @村委会议室');
    expect(created.texts).toEqual([
      '已安排 会议#1「村民恳谈会」\n时间：2026-12-03 09:00（周四）\n地点：村委会议室\n签到时间：08:45–09:30，届时发送「签到」或点签到按钮；不能参加请提前发送「请假 理由」。\n会前 24 小时和 1 小时我会提醒大家。',
    ]);
    const [meeting] = await bot.store.db.select().from(meetings);
    expect(meeting).toMatchObject({
      seq: 1,
      kind: 'talk',
      status: 'scheduled',
      startsAt: Date.parse('2026-12-03T01:00:00Z'),
      signinOpensAt: Date.parse('2026-12-03T00:45:00Z'),
      signinClosesAt: Date.parse('2026-12-03T01:30:00Z'),
    });

    // Nothing before 24 h ahead; the reminder at exactly 09:00 the day before.
    await tickThrough(bot, '2026-12-02T00:58:00Z', '2026-12-02T00:59:00Z');
    expect(await rowsLike(bot, 'meeting:')).toEqual([]);
    await tickThrough(bot, '2026-12-02T01:00:00Z', '2026-12-02T01:05:00Z');
    const day = await rowsLike(bot, `meeting:${meeting!.id}:remind:24h`);
    const reminderText = '会议提醒：明天召开 会议#1「村民恳谈会」\n时间：2026-12-03 09:00（周四）\n地点：村委会议室\n签到时间 08:45–09:30。不能参加请发送「请假 理由」。';
    expect(day).toEqual([
      {
        key: `meeting:${meeting!.id}:remind:24h:local:${VILLAGE}`,
        chatId: VILLAGE,
        state: 'sent',
        text: reminderText,
        // Invitees who cannot be reached in private are @mentioned in the group (李秀英 has no account).
        mentions: [
          { userId: 'u-wanghai', name: '王海' },
          { userId: 'u-puli', name: '普丽' },
          { userId: 'u-yang', name: '杨建国' },
        ],
      },
      { key: `meeting:${meeting!.id}:remind:24h:local:private-u-zhang`, chatId: 'private-u-zhang', state: 'sent', text: `${reminderText}\n（温泉村规划编制组）` },
    ]);

    // 普丽 asks for leave the evening before.
    bot.clock.set('2026-12-02T12:00:00Z');
    expect((await say(bot, DEMO.council, '请假 外出学习')).texts).toEqual(['已记下请假：会议#1「村民恳谈会」，理由：外出学习。不计缺席。']);
    expect((await say(bot, DEMO.wang, '请假')).texts).toEqual(['请写上请假理由，例如「请假 在外出差」。']);

    await tickThrough(bot, '2026-12-02T23:59:00Z', '2026-12-03T00:00:00Z');
    expect((await rowsLike(bot, `meeting:${meeting!.id}:remind:1h`)).map((r) => r.key)).toEqual([
      `meeting:${meeting!.id}:remind:1h:local:${VILLAGE}`,
      `meeting:${meeting!.id}:remind:1h:local:private-u-zhang`,
    ]);

    bot.clock.set('2026-12-03T00:40:00Z');
    expect((await say(bot, DEMO.zhang, '签到')).texts).toEqual(['会议#1「村民恳谈会」 的签到 08:45 开始，请到时再签到。']);

    await tickThrough(bot, '2026-12-03T00:44:00Z', '2026-12-03T00:45:00Z');
    expect(await rowsLike(bot, `meeting:${meeting!.id}:open`)).toEqual([
      {
        key: `meeting:${meeting!.id}:open`,
        chatId: VILLAGE,
        state: 'sent',
        title: '签到',
        text: '会议#1「村民恳谈会」 开始签到\n签到到 09:30 截止，09:00 以后签到记为迟到。\n点下面的按钮或发送「签到」。组长可「代签 姓名」或「代签 村民 12人」。',
        buttons: [[{ label: '签到', value: 'signin:1' }]],
      },
    ]);

    bot.clock.set('2026-12-03T00:50:00Z');
    expect(await press(bot, DEMO.leader, 'signin:1')).toEqual({ replies: [], toast: '已签到' });
    expect((await say(bot, DEMO.leader, '签到')).texts).toEqual(['您已经签过到了，不用重复签到。']);

    bot.clock.set('2026-12-03T01:05:00Z');
    expect((await say(bot, DEMO.zhang, '/signin')).texts).toEqual(['已签到：会议#1「村民恳谈会」']);
    expect((await say(bot, DEMO.wang, '请假 临时有事')).texts).toEqual(['会议#1「村民恳谈会」 已经开始，不能再请假了。']);
    expect((await say(bot, DEMO.zhang, '代签 李秀英')).texts).toEqual(['您没有使用「代签」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, DEMO.leader, '代签 李四')).texts).toEqual(['没有找到 李四。名册外的村民请按人数代签，例如「代签 村民 12人」。']);
    expect((await say(bot, DEMO.leader, '代签 李秀英')).texts).toEqual(['杨建国 已为 李秀英 代签：会议#1「村民恳谈会」']);
    expect((await say(bot, DEMO.leader, '代签 村民 十二人')).texts).toEqual(['人数要写 0 到 9999 之间的整数，例如「代签 村民 12人」。']);
    expect((await say(bot, DEMO.leader, '代签 村民 12人')).texts).toEqual(['已登记村民到会 12 人：会议#1「村民恳谈会」（再次代签人数会改成新的数字）。']);

    await tickThrough(bot, '2026-12-03T01:29:00Z', '2026-12-03T01:31:00Z');
    const summary = await rowsLike(bot, `meeting:${meeting!.id}:summary`);
    expect(summary.map((r) => r.text)).toEqual([
      // Counts only in the group: who was late or absent is not said there.
      '会议#1「村民恳谈会」 签到结束\n应到 5 人，实到 3 人，请假 1 人，代签 1 人；另有村民 12 人到会。\n名单已私信发给会议组织人。',
    ]);
    const [closed] = await bot.store.db.select().from(meetings).where(eq(meetings.id, meeting!.id));
    expect(closed!.status).toBe('closed');
    expect(JSON.parse(closed!.summary!)).toEqual({
      signed: ['杨建国'],
      late: ['李秀英', '张卫东'],
      leave: [{ name: '普丽', reason: '外出学习' }],
      absent: ['王海'],
      proxied: ['李秀英'],
      villagers: 12,
      present: 15,
    });
    expect((await say(bot, DEMO.wang, '签到')).texts).toEqual(['本群现在没有要签到的会议。组长或理事会成员可以发送「会议 时间 名称」安排会议。']);

    // The talk counts in the five ones of those who signed in.
    expect((await say(bot, DEMO.zhang, '我的')).texts[0]).toContain('✅ 乡情恳谈 1 次');
    expect((await say(bot, DEMO.wang, '我的')).texts[0]).toContain('⬜ 乡情恳谈');

    // A replayed week of ticks adds nothing.
    const before = (await bot.store.db.select().from(outbox)).length;
    await tickThrough(bot, '2026-12-02T01:00:00Z', '2026-12-02T01:01:00Z');
    await Promise.all([bot.tick(new Date('2026-12-03T01:30:00Z')), bot.tick(new Date('2026-12-03T01:30:00Z'))]);
    expect((await bot.store.db.select().from(outbox)).length).toBe(before);
  });

  it('asks before scheduling what is ambiguous, in the past, or of no known kind', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '会议 明天下午3点 恳谈会')).texts).toEqual(['您没有使用「会议」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, DEMO.leader, '会议')).texts[0]).toMatch(/^请按「会议 时间 名称 @地点」安排会议/u);
    expect((await say(bot, DEMO.leader, '会议 明天 恳谈会')).texts).toEqual(['请写上几点开会，例如「会议 明天下午3点 村民恳谈会」。']);
    expect((await say(bot, DEMO.leader, '会议 村里开个会')).texts).toEqual(['没看懂会议时间。请把时间写在最前面，例如「会议 明天下午3点 村民恳谈会」。']);
    expect((await say(bot, DEMO.leader, '会议 明天下午3点')).texts).toEqual(['请在时间后面写上会议名称，例如「会议 明天下午3点 村民恳谈会」。']);
    expect(await bot.store.db.select().from(meetings)).toEqual([]);

    const asked = await say(bot, DEMO.leader, '会议 明天3点 规划讨论');
    expect(asked.replies.map((r) => [r.text, r.buttons])).toEqual([
      [
        '请确认 会议#1「规划讨论」\n时间：2026-12-02 15:00（周三）\n没写上午还是下午，我按上面的时间理解。\n请选择会议类型（选择即确认）：',
        [
          [
            { label: '恳谈会', value: 'mtg:kind:1:talk' },
            { label: '座谈会', value: 'mtg:kind:1:seminar' },
            { label: '党员大会', value: 'mtg:kind:1:party' },
          ],
          [
            { label: '村民代表会议', value: 'mtg:kind:1:representatives' },
            { label: '联席会议', value: 'mtg:kind:1:joint' },
            { label: '理事会会议', value: 'mtg:kind:1:council' },
            { label: '取消', value: 'mtg:no:1' },
          ],
        ],
      ],
    ]);
    expect(await press(bot, DEMO.zhang, 'mtg:kind:1:seminar')).toEqual({ replies: [], toast: '只有安排会议的人才能确认。' });
    const chosen = await press(bot, DEMO.leader, 'mtg:kind:1:seminar');
    expect(chosen.toast).toBe('好的');
    expect((await bot.store.db.select().from(meetings))[0]).toMatchObject({ kind: 'seminar', status: 'scheduled' });
    expect(await press(bot, DEMO.leader, 'mtg:ok:1')).toEqual({ replies: [], toast: '这个会议已经确认或取消过了。' });

    const past = await say(bot, DEMO.leader, '会议 今天上午9点 座谈会');
    expect(past.texts).toEqual(['请确认 会议#2「座谈会」\n时间：2026-12-01 09:00（周二）\n这个时间已经过去了。如果是补记已开过的会，请确认，签到从现在起开放 30 分钟。\n时间不对请点「取消」后重新发送。']);
    expect((await press(bot, DEMO.leader, 'mtg:no:2')).toast).toBe('好的');
    expect((await bot.store.db.select().from(meetings).where(eq(meetings.seq, 2)))[0]!.status).toBe('cancelled');
  });

  it('puts a suggestion to the vote at a 党员大会 and stores the result', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.leader, '成员 杨建国 党员');
    await say(bot, DEMO.leader, '成员 张卫东 党员');
    await say(bot, DEMO.leader, '会议 12月4日下午2点 党员大会');
    expect((await say(bot, DEMO.leader, '表决 建议#1')).texts).toEqual([
      '本群现在没有正在签到的党员大会或村民代表会议。表决要在这两种会议签到期间进行：请先安排会议，签到开放后再发送「表决 建议#N」。',
    ]);
    await tickThrough(bot, '2026-12-04T05:45:00Z', '2026-12-04T05:45:00Z');
    bot.clock.set('2026-12-04T05:50:00Z');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    expect((await say(bot, DEMO.leader, '表决 建议#9')).texts).toEqual(['没有找到本村的建议#9。发送「清单 建议」查看本村建议。']);
    const card = await say(bot, DEMO.leader, '表决 建议#1');
    expect(card.replies[0]!.text).toBe(
      '会议#1「党员大会」 表决：建议#1\n「村口道路需要硬化」\n应到党员 2 人。到会的党员每人一票，请点按钮：赞成 / 反对 / 弃权；举手表决的，主持人发送「表决 建议#1 赞成 N 反对 N 弃权 N」计票。签到结束时统计结果。',
    );
    expect(card.replies[0]!.buttons).toEqual([[
      { label: '赞成', value: 'vote:1:1:y' },
      { label: '反对', value: 'vote:1:1:n' },
      { label: '弃权', value: 'vote:1:1:a' },
    ]]);
    // The submitter is told (in the group: 张卫东 has no private chat here).
    expect(card.replies[1]!.text).toBe('张卫东，您的建议#1 已提交 会议#1「党员大会」 表决。');
    expect((await bot.store.db.select().from(records))[0]!.status).toBe('voting');
    expect((await press(bot, DEMO.zhang, 'vote:1:1:y')).toast).toBe('已投票：赞成');
    expect((await press(bot, DEMO.zhang, 'vote:1:1:n')).toast).toBe('您已经投过票了（赞成），每人一票。');
    expect((await press(bot, DEMO.wang, 'vote:1:1:y')).toast).toBe('这次表决只有本村党员投票。');
    expect((await press(bot, DEMO.leader, 'vote:1:1:y')).toast).toBe('已投票：赞成');
    await tickThrough(bot, '2026-12-04T06:30:00Z', '2026-12-04T06:30:00Z');
    expect((await rowsLike(bot, 'meeting:')).filter((r) => r.key.includes(':vote:1:result')).map((r) => r.text)).toEqual([
      '会议#1「党员大会」 表决结果：建议#1\n应到 2 人，实到 2 人；赞成 2，反对 0，弃权 0\n规则：党员大会须三分之二以上党员到会（至少 2 人），赞成票超过应到党员半数（至少 2 票）\n结果：通过，建议已采纳。',
    ]);
    expect((await bot.store.db.select().from(records))[0]!.status).toBe('adopted');
    expect((await press(bot, DEMO.leader, 'vote:1:1:y')).toast).toBe('这次表决已经结束了。');
  });
});
