import { describe, expect, it } from 'vitest';
import { DEMO, fixedClock, press, say, testBot, type TestBot } from '../support/bot.js';
import { rows, sentTo } from '../suggestions/support.js';

const VILLAGE = '江川区江城镇温泉村';

async function tickAt(bot: TestBot, iso: string) {
  bot.clock.set(iso);
  await bot.tick(new Date(iso));
}

/** Six party members (or representatives): three with accounts, three without. */
async function registerSix(bot: TestBot, word: '党员' | '村民代表') {
  for (const name of ['杨建国', '张卫东', '王海', '李秀英', '赵一', '钱二']) {
    await say(bot, DEMO.leader, `成员 ${name} ${word}`);
  }
}

/** A meeting of this title on 12月4日 14:00, its sign-in open (13:45–14:30) at 13:50. */
async function meetingOpen(bot: TestBot, title: string, chatId = 'wenquan-village') {
  await say(bot, { ...DEMO.leader, chatId }, `会议 12月4日下午2点 ${title}`);
  await tickAt(bot, '2026-12-04T05:45:00Z');
  bot.clock.set('2026-12-04T05:50:00Z');
}

const closeMeeting = (bot: TestBot) => tickAt(bot, '2026-12-04T06:30:00Z');

function motions(bot: TestBot) {
  return rows(bot, 'select r.seq, m.expected, m.present, m.yes, m.no, m.abstain, m.outcome, m.passed from meeting_motions m join records r on r.id = m.record_id order by r.seq');
}

function resultTexts(bot: TestBot, chatId = 'wenquan-village') {
  return sentTo(bot, chatId).filter((m) => /:vote:\d+:result$/u.test(m.key)).map((m) => m.payload.text);
}

describe('the electorate: party members and villager representatives', () => {
  it('is registered by the leader or a station, roster people and people outside it alike', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '成员 李四 党员')).texts).toEqual(['您没有使用「成员」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, DEMO.leader, '成员 李四')).texts).toEqual([
      '请按「成员 村名 姓名 党员」或「成员 村名 姓名 村民代表」登记，例如「成员 温泉村 李四 村民代表」；不再是的，在后面加「移除」。',
    ]);
    expect((await say(bot, DEMO.leader, '成员 文山村 李四 党员')).texts).toEqual(['峨山彝族自治县岔河乡文山村不在您负责的范围内。']);
    expect((await say(bot, DEMO.leader, '成员 张卫东 党员')).texts).toEqual([`已登记 张卫东 为 ${VILLAGE} 的党员。本村党员共 1 人。`]);
    expect((await say(bot, DEMO.leader, '成员 张卫东 党员')).texts).toEqual([`张卫东 已经是 ${VILLAGE} 的党员。`]);
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '/member 温泉村 李四 村民代表')).texts).toEqual([
      `已登记 李四 为 ${VILLAGE} 的村民代表（名册外人员，开会时由组长「代签 李四」）。本村村民代表共 1 人。`,
    ]);
    expect(rows(bot, "select p.name, p.home_region, p.on_roster, v.kind, v.added_by from village_members v join people p on p.id = v.person_id order by v.added_at, p.name")).toEqual([
      { name: '张卫东', home_region: '530403101208', on_roster: 1, kind: 'party', added_by: 'demo-leader' },
      { name: '李四', home_region: '530403101208', on_roster: 0, kind: 'representative', added_by: 'demo-township' },
    ]);

    // Someone who moved away no longer counts; a closed vote keeps its figures.
    expect((await say(bot, DEMO.leader, '成员 张卫东 村民代表 移除')).texts).toEqual([`${VILLAGE} 的村民代表名单里没有 张卫东。`]);
    expect((await say(bot, DEMO.leader, '成员 温泉村 张卫东 党员 移除')).texts).toEqual([`已把 张卫东 从 ${VILLAGE} 的党员名单移除，以后的表决不再计入应到。本村党员共 0 人。`]);
    expect(rows(bot, 'select kind from village_members')).toEqual([{ kind: 'representative' }]);
    // The person stays: only the membership goes.
    expect(rows(bot, "select count(*) as n from people where name = '张卫东'")).toEqual([{ n: 1 }]);
  });
});

describe('help by role', () => {
  it('lists 成员 and the vote with a meeting number for leaders and stations, not for cadres', async () => {
    const bot = await testBot();
    const memberLine = '· 成员 [村名] <姓名> 党员|村民代表 [移除] — 登记或移除本村党员、村民代表（表决的应到人数）';
    const voteLine = '· 表决 建议#N [会议#M] [赞成 N 反对 N 弃权 N] — 把建议交党员大会或村民代表会议表决；举手表决的计票';
    for (const who of [DEMO.leader, { ...DEMO.township, chatId: 'jiangcheng-station' }]) {
      const lines = (await say(bot, who, '帮助 全部')).texts[0]!.split('\n');
      expect(lines).toContain(memberLine);
      expect(lines).toContain(voteLine);
    }
    const council = (await say(bot, DEMO.council, '帮助 全部')).texts[0]!.split('\n');
    expect(council).toContain(voteLine);
    expect(council).not.toContain(memberLine);
    const cadre = (await say(bot, DEMO.zhang, '帮助 全部')).texts[0]!;
    expect(cadre).not.toMatch(/成员|表决/u);
  });
});

describe('a 党员大会 vote', () => {
  it('adopts with two thirds present exactly and more than half of all members for it, the meeting in the history', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await registerSix(bot, '党员');
    await meetingOpen(bot, '党员大会');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    await say(bot, DEMO.leader, '代签 李秀英 赵一');
    const card = await say(bot, DEMO.leader, '表决 建议#1 会议#1');
    expect(card.texts[0]).toBe(
      '会议#1「党员大会」 表决：建议#1\n「村口道路需要硬化」\n应到党员 6 人。到会的党员每人一票，请点按钮：赞成 / 反对 / 弃权；举手表决的，主持人发送「表决 建议#1 赞成 N 反对 N 弃权 N」计票。签到结束时统计结果。',
    );
    // Counted by show of hands: two members present have no account.
    expect((await say(bot, DEMO.leader, '表决 建议#1 赞成 5 反对 0 弃权 0')).texts).toEqual(['计票合计 5 票，多于已签到的党员（4 人）。请先为到会的党员签到或代签，再计票。']);
    expect((await say(bot, DEMO.leader, '表决 建议#1 赞成 4 反对 0 弃权 0')).texts).toEqual([
      '已记下 会议#1「党员大会」 建议#1 的计票：赞成 4，反对 0，弃权 0。签到结束时按此统计（再次计票会改成新的数字）。',
    ]);
    await closeMeeting(bot);
    expect(resultTexts(bot)).toEqual([
      '会议#1「党员大会」 表决结果：建议#1\n应到 6 人，实到 4 人；赞成 4，反对 0，弃权 0\n规则：党员大会须三分之二以上党员到会（至少 4 人），赞成票超过应到党员半数（至少 4 票）\n结果：通过，建议已采纳。',
    ]);
    expect(motions(bot)).toEqual([{ seq: 1, expected: 6, present: 4, yes: 4, no: 0, abstain: 0, outcome: 'adopted', passed: 1 }]);
    expect(rows(bot, 'select status from records')).toEqual([{ status: 'adopted' }]);
    expect(rows(bot, 'select action, from_status, to_status, comment, actor_id, actor_name from record_history order by version')).toEqual([
      { action: 'vote', from_status: 'pending', to_status: 'voting', comment: '会议#1 表决', actor_id: 'demo-leader', actor_name: '杨建国' },
      {
        action: 'adopt',
        from_status: 'voting',
        to_status: 'adopted',
        comment: '会议#1 党员大会表决通过：应到 6，实到 4，赞成 4，反对 0，弃权 0',
        actor_id: expect.stringMatching(/^meeting:/u),
        actor_name: '会议#1',
      },
    ]);
    expect((await say(bot, DEMO.zhang, '清单 建议')).texts[0]).toContain('建议#1 [已采纳]');
    // The meeting invited its party members, those without an account too, so attendance shows who came.
    expect(sentTo(bot, 'wenquan-village').find((m) => m.key.endsWith(':summary'))!.payload.text).toBe(
      '会议#1「党员大会」 签到结束\n应到 7 人，实到 4 人，请假 0 人，代签 2 人。\n名单已私信发给会议组织人。',
    );
  });

  it('is void one short of two thirds, whatever the tally, and changes nothing', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await registerSix(bot, '党员');
    await meetingOpen(bot, '党员大会');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    await say(bot, DEMO.wang, '签到');
    await say(bot, DEMO.leader, '表决 建议#1');
    for (const who of [DEMO.leader, DEMO.zhang]) expect((await press(bot, who, 'vote:1:1:y')).toast).toBe('已投票：赞成');
    expect((await press(bot, DEMO.wang, 'vote:1:1:a')).toast).toBe('已投票：弃权');
    await closeMeeting(bot);
    expect(resultTexts(bot)).toEqual([
      '会议#1「党员大会」 表决结果：建议#1\n应到 6 人，实到 3 人；赞成 2，反对 0，弃权 1\n规则：党员大会须三分之二以上党员到会（至少 4 人），赞成票超过应到党员半数（至少 4 票）\n结果：无效（未达法定人数），建议状态不变。',
    ]);
    expect(motions(bot)).toEqual([{ seq: 1, expected: 6, present: 3, yes: 2, no: 0, abstain: 1, outcome: 'invalid', passed: 0 }]);
    expect(rows(bot, 'select status from records')).toEqual([{ status: 'pending' }]);
    expect(rows(bot, 'select action, to_status, comment from record_history order by version').at(-1)).toEqual({
      action: 'vote-result',
      to_status: 'pending',
      comment: '会议#1 党员大会表决无效（未达法定人数）：应到 6，实到 3，赞成 2，反对 0，弃权 1',
    });
    // Nothing was adopted: the forwarding document has nothing to carry.
    expect((await say(bot, DEMO.leader, '转交')).texts).toEqual([
      `${VILLAGE}还没有已采纳的建议。在党员大会或村民代表会议上「表决 建议#N」通过即为采纳；会外已经同意的，用「审核 建议#N 采纳」记为采纳。再发送「转交」。`,
    ]);
  });

  it('rejects a majority of those present that is not a majority of all members', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await registerSix(bot, '党员');
    await meetingOpen(bot, '党员大会');
    for (const who of [DEMO.leader, DEMO.zhang, DEMO.wang]) await say(bot, who, '签到');
    await say(bot, DEMO.leader, '代签 李秀英');
    await say(bot, DEMO.leader, '表决 建议#1');
    for (const who of [DEMO.leader, DEMO.zhang, DEMO.wang]) await press(bot, who, 'vote:1:1:y');
    await closeMeeting(bot);
    // 3 of 6 is half, not more than half: 4 are needed.
    expect(resultTexts(bot)).toEqual([
      '会议#1「党员大会」 表决结果：建议#1\n应到 6 人，实到 4 人；赞成 3，反对 0，弃权 0\n规则：党员大会须三分之二以上党员到会（至少 4 人），赞成票超过应到党员半数（至少 4 票）\n结果：未通过，建议不采纳。',
    ]);
    expect(rows(bot, 'select status from records')).toEqual([{ status: 'rejected' }]);
    expect(rows(bot, 'select action, to_status, actor_name from record_history order by version').at(-1)).toEqual({ action: 'reject', to_status: 'rejected', actor_name: '会议#1' });
  });

  it('counts only members: a cadre who is not a party member cannot vote, and the vote is refused without a member list', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await meetingOpen(bot, '党员大会');
    expect((await say(bot, DEMO.leader, '表决 建议#1')).texts).toEqual([
      `${'温泉村'}还没有登记党员名单，算不出应到人数，不能表决。请组长或联络站先发送「成员 温泉村 姓名 党员」登记。`,
    ]);
    expect(rows(bot, 'select count(*) as n from meeting_motions')).toEqual([{ n: 0 }]);
    await say(bot, DEMO.leader, '成员 杨建国 党员');
    await say(bot, DEMO.leader, '成员 王海 党员');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    await say(bot, DEMO.leader, '表决 建议#1');
    expect((await press(bot, DEMO.zhang, 'vote:1:1:y')).toast).toBe('这次表决只有本村党员投票。');
    expect((await press(bot, DEMO.wang, 'vote:1:1:y')).toast).toBe('请先签到再投票。');
    expect((await press(bot, DEMO.leader, 'vote:1:1:y')).toast).toBe('已投票：赞成');
    expect(rows(bot, 'select person_id, choice from meeting_votes')).toEqual([{ person_id: 'demo-leader', choice: 'yes' }]);
  });
});

describe('a 村民代表会议 vote', () => {
  it('needs two thirds of representatives present and adopts with more than half of those present; a tie is rejected', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.wang, '建议：修建村史馆');
    await registerSix(bot, '村民代表');
    await meetingOpen(bot, '村民代表会议');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    await say(bot, DEMO.leader, '代签 李秀英 赵一');
    await say(bot, DEMO.leader, '表决 建议#1');
    await say(bot, DEMO.leader, '表决 建议#2');
    await say(bot, DEMO.leader, '表决 建议#1 赞成 2 反对 2 弃权 0');
    expect((await say(bot, DEMO.leader, '表决 建议#2，赞成3票，反对1票，弃权0票')).texts).toEqual([
      '已记下 会议#1「村民代表会议」 建议#2 的计票：赞成 3，反对 1，弃权 0。签到结束时按此统计（再次计票会改成新的数字）。',
    ]);
    await closeMeeting(bot);
    expect(resultTexts(bot)).toEqual([
      '会议#1「村民代表会议」 表决结果：建议#1\n应到 6 人，实到 4 人；赞成 2，反对 2，弃权 0\n规则：村民代表会议须三分之二以上村民代表到会（至少 4 人），赞成票超过到会代表半数（至少 3 票）\n结果：未通过，建议不采纳。',
      '会议#1「村民代表会议」 表决结果：建议#2\n应到 6 人，实到 4 人；赞成 3，反对 1，弃权 0\n规则：村民代表会议须三分之二以上村民代表到会（至少 4 人），赞成票超过到会代表半数（至少 3 票）\n结果：通过，建议已采纳。',
    ]);
    expect(rows(bot, 'select seq, status from records order by seq')).toEqual([
      { seq: 1, status: 'rejected' },
      { seq: 2, status: 'adopted' },
    ]);
  });

  it('is void one short of two thirds', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await registerSix(bot, '村民代表');
    await meetingOpen(bot, '村民代表会议');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.leader, '代签 李秀英 赵一');
    await say(bot, DEMO.leader, '表决 建议#1');
    await say(bot, DEMO.leader, '表决 建议#1 赞成 3 反对 0 弃权 0');
    await closeMeeting(bot);
    expect(resultTexts(bot)).toEqual([
      '会议#1「村民代表会议」 表决结果：建议#1\n应到 6 人，实到 3 人；赞成 3，反对 0，弃权 0\n规则：村民代表会议须三分之二以上村民代表到会（至少 4 人），赞成票超过到会代表半数（到会不足，不计）\n结果：无效（未达法定人数），建议状态不变。',
    ]);
    expect(rows(bot, 'select status from records')).toEqual([{ status: 'pending' }]);
    expect(motions(bot)).toEqual([{ seq: 1, expected: 6, present: 3, yes: 3, no: 0, abstain: 0, outcome: 'invalid', passed: 0 }]);
  });
});

describe('which meeting a vote is for', () => {
  it('takes 会议#N, and is not refused because a 恳谈会 sign-in is open in the same chat', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.leader, '成员 杨建国 党员');
    await say(bot, DEMO.leader, '会议 12月4日下午2点 村民恳谈会');
    await say(bot, DEMO.leader, '会议 12月4日下午2点10分 党员大会');
    expect((await say(bot, DEMO.leader, '表决 建议#1')).texts).toEqual([
      '本群现在没有正在签到的党员大会或村民代表会议。表决要在这两种会议签到期间进行：请先安排会议，签到开放后再发送「表决 建议#N」。',
    ]);
    expect((await say(bot, DEMO.leader, '表决 建议#1 会议#2')).texts).toEqual(['会议#2「党员大会」 现在不在签到时间。表决要在签到期间（13:55–14:40）进行。']);
    expect((await say(bot, DEMO.leader, '表决 建议#1 会议#1')).texts).toEqual(['恳谈会不能表决建议，只有党员大会和村民代表会议可以。']);
    expect((await say(bot, DEMO.leader, '表决 建议#1 会议#9')).texts).toEqual(['本群没有会议#9。请在开会的群里发送「表决 建议#N 会议#9」。']);
    await tickAt(bot, '2026-12-04T05:45:00Z');
    bot.clock.set('2026-12-04T05:50:00Z');
    // Only the 恳谈会 is open: still no vote, and the reason is the same.
    expect((await say(bot, DEMO.leader, '表决 建议#1')).texts[0]).toMatch(/^本群现在没有正在签到的党员大会/u);
    await tickAt(bot, '2026-12-04T05:55:00Z');
    bot.clock.set('2026-12-04T05:56:00Z');
    // Both are open now: 签到 goes to the 恳谈会, 表决 to the 党员大会.
    const card = await say(bot, DEMO.leader, '表决 建议#1');
    expect(card.texts[0]).toMatch(/^会议#2「党员大会」 表决：建议#1/u);
    expect((await say(bot, DEMO.leader, '表决 会议#2 建议#1')).texts).toEqual(['建议#1 已经在本次会议上表决了，请点上面的按钮投票。']);
    expect((await say(bot, DEMO.leader, '表决 建议#1 赞成 很多')).texts[0]).toMatch(/^请写上要表决的建议号/u);
  });
});

describe('publicity (公开)', () => {
  it('posts the result to the village group when the meeting was held elsewhere, naming no anonymous proposer', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议 匿名 村口道路需要硬化');
    await say(bot, DEMO.wang, '建议：修建村史馆');
    await registerSix(bot, '党员');
    const council = { ...DEMO.leader, chatId: 'wenquan-council' };
    await meetingOpen(bot, '党员大会', 'wenquan-council');
    await say(bot, council, '签到');
    await say(bot, council, '代签 张卫东 王海 李秀英');
    // The anonymous author is not @mentioned in the meeting's chat when the vote opens.
    expect((await say(bot, council, '表决 建议#1')).texts.join('\n')).not.toContain('张卫东');
    await say(bot, council, '表决 建议#2');
    await say(bot, council, '表决 建议#1 赞成 4 反对 0 弃权 0');
    await say(bot, council, '表决 建议#2 赞成 2 反对 1 弃权 1');
    const before = sentTo(bot, 'wenquan-village').length;
    await closeMeeting(bot);
    expect(resultTexts(bot, 'wenquan-council')).toHaveLength(2);
    const notices = sentTo(bot, 'wenquan-village').slice(before).filter((m) => m.key.includes(':notice:')).map((m) => m.payload.text);
    expect(notices).toEqual([
      '【公示】会议#1「党员大会」 表决结果\n建议#1「村口道路需要硬化」（提出人：匿名）\n应到 6 人，实到 4 人；赞成 4，反对 0，弃权 0；通过，建议已采纳。',
      '【公示】会议#1「党员大会」 表决结果\n建议#2「修建村史馆」（提出人：王海）\n应到 6 人，实到 4 人；赞成 2，反对 1，弃权 1；未通过，建议不采纳。',
    ]);
    expect(notices.join()).not.toContain('张卫东');
    expect(notices.join()).not.toMatch(/1390877/u);

    await say(bot, council, '转交');
    expect(sentTo(bot, 'wenquan-village').filter((m) => m.key.startsWith('forward:')).map((m) => m.payload.text)).toEqual([
      '【公示】江川区江城镇温泉村以下 1 条建议已采纳并转交规划编制技术单位，将在村庄规划编制中研究吸收：\n· 建议#1「村口道路需要硬化」（提出人：匿名）',
    ]);
  });

  it('a meeting in the village group itself gets no second copy', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.leader, '成员 杨建国 党员');
    await meetingOpen(bot, '党员大会');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.leader, '表决 建议#1');
    await press(bot, DEMO.leader, 'vote:1:1:y');
    await closeMeeting(bot);
    expect(resultTexts(bot)).toHaveLength(1);
    expect(sentTo(bot, 'wenquan-village').filter((m) => m.key.includes(':notice:'))).toEqual([]);
    expect(rows(bot, 'select status from records')).toEqual([{ status: 'adopted' }]);
  });
});
