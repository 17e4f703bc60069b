import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/bot/features/stations/report.js';
import { scopeOfRegion } from '../../src/bot/features/stations/scope.js';
import { getRegion } from '../../src/db/repo/regions.js';
import { payloadOf } from '../../src/db/repo/outbox.js';
import { meetingAttendance, meetings, outbox } from '../../src/db/schema/index.js';
import { emptyTotals, type StatsTotals } from '../../src/domain/stats/index.js';
import { DEMO, say, testBot, type TestBot } from '../support/bot.js';

const COUNTY = { ...DEMO.county, chatId: 'jiangchuan-station' };
const TOWNSHIP = { ...DEMO.township, chatId: 'jiangcheng-station' };
const ADMIN = { ...DEMO.admin, chatId: 'taskforce' };

/** A little activity: two cadres of 温泉村 and one of 文山村 (峨山县). */
async function withActivity(): Promise<TestBot> {
  const bot = await testBot();
  await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
  await say(bot, DEMO.zhang, '走访 走访了三户老党员');
  await say(bot, DEMO.wang, '实事 修好了村口路灯');
  await say(bot, DEMO.wang, '问题 饮水管道漏水');
  await say(bot, { ...DEMO.pu, chatId: 'wenshan-village' }, '建议 发展核桃产业');
  return bot;
}

describe('/stats 统计', () => {
  it('gives a county station its county, township by township', async () => {
    const bot = await withActivity();
    const r = await say(bot, COUNTY, '统计');
    expect(r.texts).toEqual([
      [
        '📊 江川区 · 本月（12-01至12-31）',
        '回乡干部 4 人：名册 4，已登记 3',
        '五个一完成率 15%，五项全完成 0 人',
        '各项已做人数：恳谈 0 · 走访 1 · 建议 1 · 实事 1 · 村规 0',
        '建议 1 条（采纳 0，待审 1）· 实事 1 件 · 走访 1 次',
        '问题 1 个（待解决 1）· 村规建议 0 条',
        '会议 0 场 · 签到率 —',
        '参与村 1 个，14天无动静 0 个 · 最近活动 12-01',
        '—— 各乡镇 ——',
        '🟠 江城镇 15% · 4人 · 建议1 · 实事1',
        '⚪ 暂无干部：星云街道、宁海街道、前卫镇、九溪镇、路居镇、安化彝族乡、雄关乡',
        '问题办理：待交办 1，办理中 0（超期 0），已办结 0（已确认 0）',
      ].join('\n'),
    ]);
    // Completion 15%: 3 items done (走访, 建议, 实事) out of 4 cadres × 5.
    expect(Math.round((3 / 20) * 100)).toBe(15);
  });

  it('sends a chart of completion per sub-region with the reply', async () => {
    const bot = await withActivity();
    const r = await say(bot, ADMIN, '统计');
    const [row] = await bot.store.db.select().from(outbox).where(eq(outbox.id, r.replies[0]!.id));
    const chart = payloadOf(row!).chart!;
    expect(chart.title).toBe('玉溪市 五个一完成率');
    expect(chart.unit).toBe('%');
    expect(chart.labels).toEqual(['红塔区', '江川区', '通海县', '华宁县', '易门县', '峨山彝族自治县', '新平彝族傣族自治县', '元江哈尼族彝族傣族自治县', '澄江市']);
    // 江川区 3/20 items; 峨山县 1 cadre with 建议: 1/5.
    expect(chart.series).toEqual([{ name: '完成率', values: [0, 15, 0, 0, 0, 20, 0, 0, 0] }]);
  });

  it('lets a township station pick a period and shows its villages', async () => {
    const bot = await withActivity();
    const r = await say(bot, TOWNSHIP, '统计 本周');
    expect(r.texts).toEqual([
      [
        '📊 江川区江城镇 · 本周（11-30至12-06）',
        '回乡干部 4 人：名册 4，已登记 3',
        '五个一完成率 15%，五项全完成 0 人',
        '各项已做人数：恳谈 0 · 走访 1 · 建议 1 · 实事 1 · 村规 0',
        '建议 1 条（采纳 0，待审 1）· 实事 1 件 · 走访 1 次',
        '问题 1 个（待解决 1）· 村规建议 0 条',
        '会议 0 场 · 签到率 —',
        '参与村 1 个，14天无动静 0 个 · 最近活动 12-01',
        '—— 各村 ——',
        '🟠 温泉村 15% · 4人 · 建议1 · 实事1 · 最近12-01',
        '⚪ 暂无干部：江城社区、隔河社区、孤山村、左卫村、大地村、黄营村、白家营村、陈家湾村、云岩村、侯家沟村、龙街村、西河村 等 20 个',
        '问题办理：待交办 1，办理中 0（超期 0），已办结 0（已确认 0）',
      ].join('\n'),
    ]);
  });

  it('shows a cadre and a council member their own village in totals only, and a station cadre by cadre', async () => {
    const bot = await withActivity();
    const totals = [
      '📊 江川区江城镇温泉村 · 本月（12-01至12-31）',
      '回乡干部 4 人：名册 4，已登记 3',
      '五个一完成率 15%，五项全完成 0 人',
      '各项已做人数：恳谈 0 · 走访 1 · 建议 1 · 实事 1 · 村规 0',
      '建议 1 条（采纳 0，待审 1）· 实事 1 件 · 走访 1 次',
      '问题 1 个（待解决 1）· 村规建议 0 条',
      '会议 0 场 · 签到率 —',
      '最近活动 12-01',
    ];
    // Problems to closure, once the village has any, come last.
    const problems = '问题办理：待交办 1，办理中 0（超期 0），已办结 0（已确认 0）';
    const village = [...totals, '这里只显示全村合计：每人的进度只给本人看（私聊我发「我的」），联络站可以查看每人明细。', problems].join('\n');
    expect((await say(bot, DEMO.zhang, '统计')).texts).toEqual([village]);
    expect((await say(bot, DEMO.council, '统计')).texts).toEqual([village]);
    expect((await say(bot, { ...DEMO.zhang, chatId: 'private-zhang' }, '统计')).texts).toEqual([village]);
    // Even a station asking in the village group gets the totals there.
    expect((await say(bot, DEMO.township, '统计')).texts).toEqual([village]);
    const perPerson = [
      ...totals,
      '—— 干部 ——',
      '李秀英 0/5 ⬜⬜⬜⬜⬜ · 未登记',
      '王海 1/5 ⬜⬜⬜✅⬜ · 最近12-01',
      '杨建国 0/5 ⬜⬜⬜⬜⬜ · 最近无',
      '张卫东 2/5 ⬜✅✅⬜⬜ · 最近12-01',
      problems,
    ].join('\n');
    expect((await say(bot, { ...TOWNSHIP, chatId: 'jiangcheng-station' }, '统计 温泉村')).texts).toEqual([perPerson]);
  });

  it('refuses politely outside the sender’s area, and says what they may see', async () => {
    const bot = await withActivity();
    expect((await say(bot, TOWNSHIP, '统计 江川区')).texts).toEqual(['抱歉，江川区不在您负责的范围内，看不了它的统计。您可以查看：江川区江城镇。']);
    expect((await say(bot, DEMO.zhang, '统计 江城镇')).texts).toEqual(['抱歉，江川区江城镇不在您负责的范围内，看不了它的统计。您可以查看：江川区江城镇温泉村。']);
    expect((await say(bot, COUNTY, '统计 火星村')).texts).toEqual(['没有找到“火星村”。请写县区、乡镇或村的全称，或地区代码。']);
    expect((await say(bot, { userId: 'u-stranger', userName: '路人', chatId: 'private-stranger' }, '统计')).texts).toEqual([
      '统计只对联络服务站、工作专班和各村的干部、理事会开放。回乡干部请先在本村群里发送「登记 姓名」。',
    ]);
    expect((await say(bot, COUNTY, '统计 江城镇 本周 多余 的话')).texts).toEqual(['统计后面最多写一个地区和一个时段，例如「统计 江城镇 本周」。']);
  });

  it('lets a county station look at a village under it by name', async () => {
    const bot = await withActivity();
    const r = await say(bot, COUNTY, '统计 温泉村 全部');
    expect(r.texts[0]!.split('\n')[0]).toBe('📊 江川区江城镇温泉村 · 全部');
  });

  it('counts activity in the period but five-ones completion for all time, and flags idle villages', async () => {
    const bot = await withActivity();
    bot.clock.advance(14 * 24 * 3600_000);
    const r = await say(bot, TOWNSHIP, '统计 本周');
    expect(r.texts[0]).toBe(
      [
        '📊 江川区江城镇 · 本周（12-14至12-20）',
        '回乡干部 4 人：名册 4，已登记 3',
        '五个一完成率 15%，五项全完成 0 人',
        '各项已做人数：恳谈 0 · 走访 1 · 建议 1 · 实事 1 · 村规 0',
        '建议 0 条（采纳 0，待审 0）· 实事 0 件 · 走访 0 次',
        '问题 0 个（待解决 0）· 村规建议 0 条',
        '会议 0 场 · 签到率 —',
        '参与村 1 个，14天无动静 1 个 · 最近活动 12-01',
        '—— 各村 ——',
        '🟠 温泉村 15% · 4人 · 建议0 · 实事0 · 最近12-01',
        '⚪ 暂无干部：江城社区、隔河社区、孤山村、左卫村、大地村、黄营村、白家营村、陈家湾村、云岩村、侯家沟村、龙街村、西河村 等 20 个',
        '14天无动静 = 14 天没有任何记录或会议的村',
        '问题办理：待交办 1，办理中 0（超期 0），已办结 0（已确认 0）',
      ].join('\n'),
    );
  });

  it('counts a 恳谈会 sign-in as the talk item and reports meetings and the sign-in rate', async () => {
    const bot = await withActivity();
    const at = bot.clock().getTime() - 3600_000;
    await bot.store.commit([
      bot.store.db.insert(meetings).values({
        id: 'mt-1', seq: 1, kind: 'talk', title: '乡情恳谈会', regionCode: '530403101208', platform: 'local', chatId: 'wenquan-village',
        startsAt: at, signinOpensAt: at - 1800_000, signinClosesAt: at + 7200_000, status: 'closed', createdBy: 'demo-leader', createdAt: at, updatedAt: at,
      }),
      bot.store.db.insert(meetingAttendance).values([
        { meetingId: 'mt-1', personId: 'demo-cadre-zhang', status: 'signed', at },
        { meetingId: 'mt-1', personId: 'demo-cadre-wang', status: 'late', at: at + 600_000 },
        { meetingId: 'mt-1', personId: 'demo-cadre-li', status: 'invited' },
        { meetingId: 'mt-1', personId: 'demo-leader', status: 'leave' },
      ]),
    ]);
    const lines = (await say(bot, { ...TOWNSHIP, chatId: 'jiangcheng-station' }, '统计 温泉村')).texts[0]!.split('\n');
    // 杨建国 organised it, 张卫东 and 王海 signed in: three cadres have the talk.
    expect(lines[3]).toBe('各项已做人数：恳谈 3 · 走访 1 · 建议 1 · 实事 1 · 村规 0');
    expect(lines[2]).toBe('五个一完成率 30%，五项全完成 0 人');
    // 杨建国 was on leave (请假): excused, so 2 of the 3 expected signed in.
    expect(lines[6]).toBe('会议 1 场 · 签到率 67%');
    expect(lines.slice(9, 13)).toEqual(['李秀英 0/5 ⬜⬜⬜⬜⬜ · 未登记', '王海 2/5 ✅⬜⬜✅⬜ · 最近12-01', '杨建国 1/5 ✅⬜⬜⬜⬜ · 最近无', '张卫东 3/5 ✅✅✅⬜⬜ · 最近12-01']);
  });

  it('credits a 恳谈会 not yet held to nobody, in the cadre lines as in the totals', async () => {
    const bot = await withActivity();
    await say(bot, DEMO.leader, '会议 明天上午10点 村民恳谈会');
    const lines = (await say(bot, TOWNSHIP, '统计 温泉村')).texts[0]!.split('\n');
    expect(lines[3]).toBe('各项已做人数：恳谈 0 · 走访 1 · 建议 1 · 实事 1 · 村规 0');
    expect(lines).toContain('杨建国 0/5 ⬜⬜⬜⬜⬜ · 最近无');
  });

  it('adds up: sub-region rows sum to their parent at every level', async () => {
    const bot = await withActivity();
    await say(bot, DEMO.zhang, '村规 禁止乱倒垃圾');
    await say(bot, { ...DEMO.pu, chatId: 'wenshan-village' }, '实事 修水渠');
    const fields = Object.keys(emptyTotals()).filter((k) => k !== 'lastAt' && k !== 'itemDone' && k !== 'suggestionStates') as (keyof StatsTotals)[];
    // Each number of the parent, and the same number summed over its rows.
    const flatten = (t: StatsTotals) => ({ ...Object.fromEntries(fields.map((k) => [k, t[k]])), ...t.itemDone });
    const check = async (code: string | null) => {
      const region = code ? await getRegion(bot.store.db, code) : null;
      const scope = region ? scopeOfRegion(region) : { code: '*', name: '全域', fullName: '全域', level: 'all' as const, path: '' };
      for (const period of ['week', 'month', 'all'] as const) {
        const report = await buildReport(bot.store.db, scope, period, bot.clock(), 'Asia/Shanghai');
        expect(report.rows.length).toBeGreaterThan(0);
        const sum: Record<string, number> = {};
        for (const row of report.rows) for (const [k, v] of Object.entries(flatten(row.totals))) sum[k] = (sum[k] ?? 0) + (v as number);
        expect(sum).toEqual(flatten(report.totals));
        expect(report.totals.lastAt).toBe(Math.max(...report.rows.map((r) => r.totals.lastAt ?? 0)));
        if (period === 'all') expect(report.totals.suggestions).toBeGreaterThan(0);
      }
    };
    await check(null);
    await check('530400');
    await check('530403');
    await check('530403101');
    const whole = await buildReport(bot.store.db, { code: '*', name: '全域', fullName: '全域', level: 'all', path: '' }, 'all', bot.clock(), 'Asia/Shanghai');
    expect(whole.totals).toMatchObject({ cadres: 5, joined: 4, suggestions: 2, deeds: 2, visits: 1, problems: 1, problemsOpen: 1, rules: 1, villages: 2 });
  });
});
