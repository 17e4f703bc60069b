import { describe, expect, it } from 'vitest';
import { DEMO, say, testBot, type TestBot } from '../support/bot.js';
import { rows, sentTo } from '../suggestions/support.js';

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });
const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };
const AT = Date.parse('2026-12-01T02:00:00Z');

/** Private chats opened with the bot, so private notices can be delivered. */
async function openPrivateChats(bot: TestBot, ...people: { userId: string; userName: string }[]) {
  for (const who of people) await say(bot, privately(who), '帮助');
}

const texts = (bot: TestBot, chatId: string, prefix: string) => sentTo(bot, chatId).filter((m) => m.key.startsWith(prefix)).map((m) => m.payload.text);
const history = (bot: TestBot) => rows(bot, 'select record_id, version, action, from_status, to_status, related_record_id, comment, actor_id, actor_name, at from record_history order by id');

describe('problems to closure (问题清单)', () => {
  it('walks a problem from 待交办 to 已确认: only the owner closes it, the raiser confirms, 不满意 reopens it, every step in the history', async () => {
    const bot = await testBot();
    await openPrivateChats(bot, DEMO.wang, DEMO.zhang);
    await say(bot, DEMO.zhang, '问题 村口路灯坏了，晚上看不见');
    expect(rows(bot, "select id, status from records where kind = 'problem'")).toEqual([{ id: 'id-1', status: 'open' }]);

    // 交办 by the leader, with a deadline written the way people write it.
    expect((await say(bot, DEMO.leader, '交办 问题#1 王海 12月20日')).texts).toEqual(['已交办 问题#1（江川区江城镇温泉村）给 王海，期限 2026-12-20。']);
    expect(texts(bot, 'private-u-wanghai', 'problem:assign:')).toEqual([
      '杨建国 把 问题#1（江川区江城镇温泉村）交给您办理：村口路灯坏了，晚上看不见\n期限：2026-12-20\n办好后请发「办结 问题#1 办理情况」，或记实事时写上「回应问题#1」。',
    ]);
    expect(rows(bot, 'select * from problem_cases')).toEqual([
      {
        record_id: 'id-1', owner_id: 'demo-cadre-wang', deadline: '2026-12-20', assigned_by: 'demo-leader', assigned_at: AT,
        closed_at: null, close_note: null, closed_by_record_id: null, verdict: null, verdict_comment: null, verdict_at: null,
      },
    ]);

    // Someone else's deed is linked and reported to the owner, but does not close the problem.
    bot.clock.advance(3600_000);
    expect((await say(bot, DEMO.zhang, '实事 换了一个灯泡 回应问题#1')).texts).toEqual([
      '已记录 实事#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ⬜中肯建议 ✅为民实事 ⬜村规民约\n已关联 问题#1（由办理人 王海 办结）',
    ]);
    expect(texts(bot, 'private-u-wanghai', 'problem:progress:')).toEqual(['张卫东 记了 实事#1，回应您办理的 问题#1：换了一个灯泡\n问题办好了的话，请发「办结 问题#1 办理情况」。']);
    expect((await say(bot, DEMO.zhang, '办结 问题#1 修好了')).texts).toEqual(['问题#1 由 王海 办理，只有办理人可以办结。']);
    expect(rows(bot, "select status from records where id = 'id-1'")).toEqual([{ status: 'in_progress' }]);

    // The owner closes it in private: the raiser is asked in private, the village hears in public.
    bot.clock.advance(3600_000);
    expect((await say(bot, privately(DEMO.wang), '办结 问题#1 更换了灯具，晚上亮了')).texts).toEqual(['已办结 问题#1，已请反映人 张卫东 确认（满意、基本满意或不满意）。']);
    expect(texts(bot, 'private-u-zhang', 'problem:close:')).toEqual([
      '您反映的 问题#1（江川区江城镇温泉村：村口路灯坏了，晚上看不见）已由 王海 办结：更换了灯具，晚上亮了\n请回复「确认 问题#1 满意」「确认 问题#1 基本满意」或「确认 问题#1 不满意 意见」。',
    ]);
    expect(texts(bot, 'wenquan-village', 'problem-closed:')).toEqual(['【公开】问题#1 已办结：村口路灯坏了，晚上看不见\n办理人：王海；办理情况：更换了灯具，晚上亮了']);

    // 不满意 reopens it to the same owner.
    bot.clock.advance(3600_000);
    expect((await say(bot, privately(DEMO.zhang), '确认 问题#1 不满意 还是时亮时不亮')).texts).toEqual(['问题#1 已重新打开，已告知办理人 王海 继续办理。']);
    expect(texts(bot, 'private-u-wanghai', 'problem:reopen:')).toEqual([
      '张卫东 对 问题#1 的办理结果不满意：还是时亮时不亮。问题已重新打开，请继续办理，办好后再发「办结 问题#1 办理情况」。',
    ]);
    expect(rows(bot, "select status from records where id = 'id-1'")).toEqual([{ status: 'in_progress' }]);

    // The owner's deed closes it this time; the raiser is satisfied.
    bot.clock.advance(2 * 86_400_000);
    expect((await say(bot, DEMO.wang, '实事 重新接了线路 回应问题#1')).texts).toEqual([
      '已记录 实事#2（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ⬜中肯建议 ✅为民实事 ⬜村规民约\n已关联 问题#1（已办结，已请反映人确认）',
    ]);
    expect((await say(bot, DEMO.zhang, '确认：问题#1 满意')).texts).toEqual(['已确认 问题#1：满意。谢谢您的反馈！']);
    expect((await say(bot, DEMO.zhang, '确认 问题#1 满意')).texts).toEqual(['问题#1 已经确认过了。']);
    expect(rows(bot, "select status from records where id = 'id-1'")).toEqual([{ status: 'confirmed' }]);
    expect(rows(bot, 'select closed_at, close_note, closed_by_record_id, verdict, verdict_comment from problem_cases')).toEqual([
      { closed_at: AT + 3 * 3600_000 + 2 * 86_400_000, close_note: '重新接了线路', closed_by_record_id: 'id-3', verdict: 'satisfied', verdict_comment: null },
    ]);
    const h = 3600_000;
    expect(history(bot)).toEqual([
      { record_id: 'id-1', version: 1, action: 'assign', from_status: 'open', to_status: 'assigned', related_record_id: null, comment: '王海 期限 2026-12-20', actor_id: 'demo-leader', actor_name: '杨建国', at: AT },
      { record_id: 'id-1', version: 2, action: 'progress', from_status: 'assigned', to_status: 'in_progress', related_record_id: 'id-2', comment: null, actor_id: 'demo-cadre-zhang', actor_name: '张卫东', at: AT + h },
      { record_id: 'id-1', version: 3, action: 'close', from_status: 'in_progress', to_status: 'resolved', related_record_id: null, comment: '更换了灯具，晚上亮了', actor_id: 'demo-cadre-wang', actor_name: '王海', at: AT + 2 * h },
      { record_id: 'id-1', version: 4, action: 'reopen', from_status: 'resolved', to_status: 'in_progress', related_record_id: null, comment: '不满意 还是时亮时不亮', actor_id: 'demo-cadre-zhang', actor_name: '张卫东', at: AT + 3 * h },
      { record_id: 'id-1', version: 5, action: 'close', from_status: 'in_progress', to_status: 'resolved', related_record_id: 'id-3', comment: '重新接了线路', actor_id: 'demo-cadre-wang', actor_name: '王海', at: AT + 3 * h + 2 * 86_400_000 },
      { record_id: 'id-1', version: 6, action: 'confirm', from_status: 'resolved', to_status: 'confirmed', related_record_id: null, comment: '满意', actor_id: 'demo-cadre-zhang', actor_name: '张卫东', at: AT + 3 * h + 2 * 86_400_000 },
    ]);
    expect((await say(bot, DEMO.council, '清单 问题')).texts[0]).toBe('江川区江城镇温泉村 问题清单（共 1 条，第 1/1 页）\n问题#1 [已确认] 村口路灯坏了，晚上看不见 —张卫东 12-01 · 实事#1回应 · 实事#2回应');
  });

  it('lets a station assign to its staff and reassign, and says so when the owner cannot be told in private', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '问题 水渠堵塞');
    expect((await say(bot, { ...DEMO.county, chatId: 'jiangchuan-station' }, '/assign 问题#1 赵强 月底')).texts).toEqual([
      '已交办 问题#1（江川区江城镇温泉村）给 赵强，期限 2026-12-31。\n赵强 还没有私聊过我，没能私下通知，请转告。',
    ]);
    expect((await say(bot, DEMO.council, '清单 问题')).texts[0]).toBe('江川区江城镇温泉村 问题清单（共 1 条，第 1/1 页）\n问题#1 [已交办] 水渠堵塞 —张卫东 12-01 · 赵强办理，期限12-31');
    expect((await say(bot, STATION, '交办 #1 张卫东')).texts).toEqual(['已交办 问题#1（江川区江城镇温泉村）给 张卫东，未定期限（原办理人 赵强）。\n张卫东 还没有私聊过我，没能私下通知，请转告。']);
    expect(rows(bot, 'select owner_id, deadline, assigned_by from problem_cases')).toEqual([{ owner_id: 'demo-cadre-zhang', deadline: null, assigned_by: 'demo-township' }]);
    expect(history(bot).map((r) => [r.action, r.from_status, r.to_status, r.comment, r.actor_name])).toEqual([
      ['assign', 'open', 'assigned', '赵强 期限 2026-12-31', '王芳'],
      ['assign', 'assigned', 'assigned', '张卫东', '赵强'],
    ]);
    // The raiser may own their own problem; closing asks them to confirm like anyone else.
    expect((await say(bot, DEMO.zhang, '办结 问题#1 组织村民清了淤泥')).texts).toEqual(['已办结 问题#1，已请反映人 张卫东 确认（满意、基本满意或不满意）。']);
    expect((await say(bot, DEMO.zhang, '确认 问题#1 基本满意')).texts).toEqual(['已确认 问题#1：基本满意。谢谢您的反馈！']);
    expect((await say(bot, STATION, '交办 问题#1 王海')).texts).toEqual(['问题#1 已确认办结，不能再交办。']);
  });

  it('refuses who may not and what it cannot read, with a clear reply, writing nothing', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '问题 水渠堵塞');
    const cases: [{ userId: string; userName: string; chatId?: string }, string, string][] = [
      [DEMO.wang, '交办 问题#1 王海', '您没有使用「交办」的权限。发送「帮助」查看您能用的命令。'],
      [DEMO.council, '交办 问题#1 王海', '您没有使用「交办」的权限。发送「帮助」查看您能用的命令。'],
      [{ ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '交办 问题#1 王海', '江川区江城镇温泉村不在您负责的范围内。'],
      [DEMO.leader, '交办', '请写「交办 问题#3 姓名 [期限]」，期限可写 2027-01-31、12月20日、月底 或 10天内，也可以不写。'],
      [DEMO.leader, '交办 问题#1', '请写「交办 问题#3 姓名 [期限]」，期限可写 2027-01-31、12月20日、月底 或 10天内，也可以不写。'],
      [DEMO.leader, '交办 问题#9 王海', '没有找到问题#9，请核对编号。'],
      [DEMO.leader, '交办 问题#1 路人甲', '没有找到能办理江川区江城镇温泉村问题的 路人甲：请写本村登记过的干部、组长、理事会成员，或负责本村的联络站工作人员的姓名。'],
      [DEMO.leader, '交办 问题#1 普国华', '没有找到能办理江川区江城镇温泉村问题的 普国华：请写本村登记过的干部、组长、理事会成员，或负责本村的联络站工作人员的姓名。'],
      [DEMO.leader, '交办 问题#1 何志勇', '没有找到能办理江川区江城镇温泉村问题的 何志勇：请写本村登记过的干部、组长、理事会成员，或负责本村的联络站工作人员的姓名。'],
      [DEMO.leader, '交办 问题#1 王海 2027-02-30', '这个日期不存在，请检查月份和日期，例如 2027-01-31。'],
      [DEMO.leader, '交办 问题#1 王海 2026-11-30', '这个期限已经过去了，请写今天或以后的日期。'],
      [DEMO.leader, '交办 问题#1 王海 2028-12-31', '期限最长一年，请写一年以内的日期。'],
      [DEMO.leader, '交办 问题#1 王海 下礼拜', '看不懂这个期限，请写 2027-01-31、12月20日、月底 或 10天内；也可以不写期限。'],
      [DEMO.wang, '办结 问题#1 修好了', '问题#1 还没有交办，请组长或联络站先发「交办 问题#1 姓名」。'],
      [DEMO.wang, '办结 问题#1', '请写「办结 问题#3 办理情况」，例如「办结 问题#3 已清淤，水渠通了」。'],
      [{ userId: 'u-stranger', userName: '路人' }, '办结 问题#1 修好了', '您没有使用「办结」的权限。发送「帮助」查看您能用的命令。'],
      [DEMO.wang, '确认 问题#1 满意', '只有反映 问题#1 的人可以确认办理结果。'],
      [DEMO.zhang, '确认 问题#1 满意', '问题#1 现在是「待交办」，办结后才能确认。'],
      [DEMO.zhang, '确认 问题#1 很好', '请写「确认 问题#3 满意」、「确认 问题#3 基本满意」或「确认 问题#3 不满意 意见」。'],
      [DEMO.leader, '确认 问题#1 满意', '只有反映 问题#1 的人可以确认办理结果。'],
      [STATION, '确认 问题#1 满意', '您没有使用「确认」的权限。发送「帮助」查看您能用的命令。'],
    ];
    for (const [who, text, answer] of cases) expect([text, (await say(bot, who, text)).texts]).toEqual([text, [answer]]);
    expect(rows(bot, 'select * from problem_cases')).toEqual([]);
    expect(rows(bot, 'select * from record_history')).toEqual([]);
    expect(rows(bot, "select status from records where kind = 'problem'")).toEqual([{ status: 'open' }]);
    // Once assigned, only the owner closes it, and a closed problem waits for its raiser.
    await say(bot, DEMO.leader, '交办 问题#1 王海');
    expect((await say(bot, DEMO.leader, '办结 问题#1 修好了')).texts).toEqual(['问题#1 由 王海 办理，只有办理人可以办结。']);
    await say(bot, DEMO.wang, '办结 问题#1 清了淤');
    expect((await say(bot, DEMO.wang, '办结 问题#1 又清了一次')).texts).toEqual(['问题#1 现在是「已办结」，不能办结。']);
    expect((await say(bot, DEMO.leader, '交办 问题#1 张卫东')).texts).toEqual(['问题#1 已办结，正等反映人确认；反映人不满意时会重新打开。']);
    expect(history(bot).map((r) => r.action)).toEqual(['assign', 'close']);
  });

  it('does nothing twice for a redelivered 交办, and reopens a problem closed before it had an owner for assigning', async () => {
    const bot = await testBot();
    await openPrivateChats(bot, DEMO.wang);
    await say(bot, DEMO.zhang, '问题 水渠堵塞');
    const first = await say(bot, { ...DEMO.leader, eventId: 'assign-once' }, '交办 问题#1 王海');
    const again = await say(bot, { ...DEMO.leader, eventId: 'assign-once' }, '交办 问题#1 王海');
    expect(first.texts).toEqual(['已交办 问题#1（江川区江城镇温泉村）给 王海，未定期限。']);
    expect(again.duplicate).toBe(true);
    expect(history(bot)).toHaveLength(1);
    expect(texts(bot, 'private-u-wanghai', 'problem:assign:')).toHaveLength(1);
    // A problem a deed resolved under the old rule has no owner: 不满意 leaves it for assigning.
    bot.store.sqlite.prepare("insert into records (id, kind, seq, region_code, person_id, text, status, platform, chat_id, event_id, created_at, updated_at) values ('old-1', 'problem', 2, '530403101208', 'demo-cadre-zhang', '村口路灯坏了', 'resolved', 'local', 'wenquan-village', 'old', ?, ?)").run(AT, AT);
    expect((await say(bot, DEMO.zhang, '确认 问题#2 不满意 还是不亮')).texts).toEqual(['问题#2 已重新打开，请组长或联络站「交办 问题#2 姓名」。']);
    expect(rows(bot, "select status from records where id = 'old-1'")).toEqual([{ status: 'in_progress' }]);
    expect(history(bot).at(-1)).toMatchObject({ record_id: 'old-1', action: 'reopen', from_status: 'resolved', to_status: 'in_progress', comment: '不满意 还是不亮', actor_name: '张卫东' });
    expect((await say(bot, DEMO.leader, '交办 问题#2 王海 月底')).texts).toEqual(['已交办 问题#2（江川区江城镇温泉村）给 王海，期限 2026-12-31。']);
  });

  it('shows the problem commands in help by role', async () => {
    const bot = await testBot();
    const all = async (who: { userId: string; userName: string; chatId?: string }) => (await say(bot, who, '帮助 全部')).texts[0]!;
    const cadre = await all(DEMO.wang);
    expect(cadre).toContain('· 办结 问题#N <办理情况> — 办理人办结交给自己的问题');
    expect(cadre).toContain('· 确认 问题#N 满意|基本满意|不满意 [意见] — 确认自己反映的问题的办理结果（不满意会重新打开）');
    expect(cadre).not.toContain('交办');
    expect(cadre).not.toContain('挂包');
    const leader = await all(DEMO.leader);
    expect(leader).toContain('· 交办 问题#N <姓名> [期限] — 把问题交给一个人办理（期限如 2027-01-31、12月20日、月底）');
    expect(leader).not.toContain('挂包');
    const station = await all(STATION);
    expect(station).toContain('· 挂包 <村名> <姓名> — 安排联络站工作人员挂包联系一个村');
    expect(station).toContain('· 取消挂包 <村名> <姓名> — 取消挂包联系');
    expect(station).not.toContain('确认 问题#N');
  });
});
