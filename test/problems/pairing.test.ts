import { describe, expect, it } from 'vitest';
import { importTables } from '../../src/bot/features/spreadsheets/import.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';
import { rows, sentTo } from '../suggestions/support.js';

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });
const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };
const COUNTY = { ...DEMO.county, chatId: 'jiangchuan-station' };

/** Ticks every hour between the two instants, inclusive. */
async function hourly(bot: TestBot, fromIso: string, toIso: string) {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 3600_000) {
    bot.clock.set(new Date(t).toISOString());
    await bot.tick(new Date(t));
  }
}

describe('pairing (挂包联系)', () => {
  it('pairs station staff with a village inside the station’s area, and undoes it', async () => {
    const bot = await testBot();
    await say(bot, privately(DEMO.township), '帮助');
    expect((await say(bot, COUNTY, '挂包 温泉村 赵强')).texts).toEqual(['已挂包：江川区江城镇温泉村 — 赵强。每周一私信收到本村周报，本村的催办也先私信告知。']);
    expect(sentTo(bot, 'private-u-jiangcheng').filter((m) => m.key.startsWith('problem:pair:')).map((m) => m.payload.text)).toEqual([
      '王芳 安排您挂包联系 江川区江城镇温泉村：每周一私信收到本村周报，本村的催办也先私信告知。',
    ]);
    expect((await say(bot, STATION, '挂包 温泉村 王芳')).texts).toEqual(['已挂包：江川区江城镇温泉村 — 王芳。每周一私信收到本村周报，本村的催办也先私信告知。']);
    expect(rows(bot, 'select region_code, person_id, paired_by, paired_at from pairings order by person_id')).toEqual([
      { region_code: '530403101208', person_id: 'demo-county', paired_by: 'demo-township', paired_at: Date.parse('2026-12-01T02:00:00Z') },
      { region_code: '530403101208', person_id: 'demo-township', paired_by: 'demo-county', paired_at: Date.parse('2026-12-01T02:00:00Z') },
    ]);
    const cases: [{ userId: string; userName: string; chatId?: string }, string, string][] = [
      [STATION, '挂包 温泉村 赵强', '赵强 已经挂包江川区江城镇温泉村。'],
      [STATION, '挂包', '请写「挂包 村名 姓名」，例如「挂包 温泉村 赵强」；取消写「取消挂包 村名 姓名」。\n挂包联系：江川区江城镇温泉村（王芳、赵强）'],
      [{ ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '挂包', '请写「挂包 村名 姓名」，例如「挂包 温泉村 赵强」；取消写「取消挂包 村名 姓名」。\n挂包联系：未指定'],
      [STATION, '挂包 温泉村', '请写「挂包 村名 姓名」，例如「挂包 温泉村 赵强」；取消写「取消挂包 村名 姓名」。'],
      [STATION, '挂包 火星村 赵强', '没有找到村“火星村”，请写村名，重名时写带乡镇的全称。'],
      [STATION, '挂包 温泉村 张卫东', '张卫东 不是负责江川区江城镇温泉村的联络站工作人员，不能挂包。请写乡镇或县级联络站工作人员的姓名。'],
      [STATION, '挂包 温泉村 何志勇', '何志勇 不是负责江川区江城镇温泉村的联络站工作人员，不能挂包。请写乡镇或县级联络站工作人员的姓名。'],
      [{ ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '挂包 温泉村 何志勇', '江川区江城镇温泉村不在您负责的范围内。'],
      [DEMO.leader, '挂包 温泉村 赵强', '您没有使用「挂包」的权限。发送「帮助」查看您能用的命令。'],
      [DEMO.zhang, '取消挂包 温泉村 赵强', '您没有使用「取消挂包」的权限。发送「帮助」查看您能用的命令。'],
    ];
    for (const [who, text, answer] of cases) expect([text, (await say(bot, who, text)).texts]).toEqual([text, [answer]]);
    expect(rows(bot, 'select count(*) as n from pairings')).toEqual([{ n: 2 }]);
    expect((await say(bot, STATION, '取消挂包 温泉村 王芳')).texts).toEqual(['已取消挂包：江川区江城镇温泉村 — 王芳。']);
    expect((await say(bot, STATION, '取消挂包 温泉村 王芳')).texts).toEqual(['王芳 没有挂包江川区江城镇温泉村。']);
    expect(rows(bot, 'select person_id from pairings')).toEqual([{ person_id: 'demo-township' }]);
    // The task force pairs anywhere; /stats shows who is paired where.
    expect((await say(bot, { ...DEMO.admin, chatId: 'taskforce' }, '挂包 温泉村 王芳')).texts[0]).toMatch(/^已挂包：/u);
    expect((await say(bot, COUNTY, '统计')).texts[0]!.split('\n').at(-1)).toBe('挂包联系：江川区江城镇温泉村（王芳、赵强）');
  });

  it('lists overdue problems in the weekly digest and the paired contact’s private summary; /stats counts open, overdue, closed and the median days to close', async () => {
    const bot = await testBot({ clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, privately(DEMO.township), '帮助');
    await say(bot, STATION, '挂包 温泉村 赵强');
    await say(bot, DEMO.zhang, '问题 村口路灯坏了');
    await say(bot, DEMO.zhang, '问题 水渠堵塞');
    await say(bot, DEMO.zhang, '问题 垃圾没人收');
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
    await say(bot, DEMO.leader, '交办 问题#1 王海 12月3日');
    await say(bot, DEMO.leader, '交办 问题#3 张卫东');
    bot.clock.set('2026-12-03T02:00:00Z');
    await say(bot, DEMO.zhang, '办结 问题#3 联系了保洁公司每周收两次');
    // Monday 09:00: the week's digest to the stations, and the summary to the paired contact.
    await hourly(bot, '2026-12-07T00:00:00Z', '2026-12-07T02:00:00Z');
    const digest = sentTo(bot, 'jiangcheng-station').find((m) => m.key.startsWith('digest:week:2026-W50:'))!.payload.text.split('\n');
    expect(digest.slice(-3)).toEqual([
      '待审核超过 7 天的建议（0 条）：无',
      '待交办超过 7 天的问题（0 个）：无',
      // A group never reads who is late: the owner is named only in the paired contact's private summary.
      '超期未办结的问题（1 个）：问题#1（江川区江城镇温泉村，超期 4 天）',
    ]);
    const county = sentTo(bot, 'jiangchuan-station').find((m) => m.key.startsWith('digest:week:2026-W50:'))!.payload.text.split('\n');
    expect(county.at(-1)).toBe('超期未办结的问题（1 个）：问题#1（江川区江城镇温泉村，超期 4 天）');
    expect(sentTo(bot, 'lvzhi-station').find((m) => m.key.startsWith('digest:week:2026-W50:'))!.payload.text.split('\n').at(-1)).toBe('超期未办结的问题（0 个）：无');
    expect(sentTo(bot, 'private-u-jiangcheng').filter((m) => m.key.startsWith('pair-week:')).map(({ key, payload }) => ({ key, payload }))).toEqual([
      {
        key: 'pair-week:2026-W50:530403101208:demo-township',
        payload: {
          title: '挂包联系周报',
          text: [
            '挂包联系周报 · 江川区江城镇温泉村 · 11月30日—12月6日',
            '本周新增：建议 1，实事 0，走访 0，问题 3，村规 0',
            '待审核超过 7 天的建议（0 条）：无',
            '问题办理：待交办 1，办理中 1（超期 1），已办结 1（已确认 0），办结用时中位 2 天',
            '待交办超过 7 天的问题（0 个）：无',
            '超期未办结的问题（1 个）：问题#1（江川区江城镇温泉村，王海，超期 4 天）',
          ].join('\n'),
        },
      },
    ]);
    // A tick replayed sends nothing twice.
    await bot.tick(new Date('2026-12-07T03:00:00Z'));
    expect(sentTo(bot, 'private-u-jiangcheng').filter((m) => m.key.startsWith('pair-week:'))).toHaveLength(1);
    const stats = (await say(bot, STATION, '统计 温泉村')).texts[0]!.split('\n');
    expect(stats.slice(-2)).toEqual(['问题办理：待交办 1，办理中 1（超期 1），已办结 1（已确认 0），办结用时中位 2 天', '挂包联系：江川区江城镇温泉村（赵强）']);
    // In the village group the list says who handles a problem and by when, never that they are late…
    expect((await say(bot, DEMO.council, '清单 问题')).texts[0]!.split('\n').slice(1)).toEqual([
      '问题#3 [已办结] 垃圾没人收 —张卫东 12-01',
      '问题#2 [待交办] 水渠堵塞 —张卫东 12-01',
      '问题#1 [已交办] 村口路灯坏了 —张卫东 12-01 · 王海办理，期限12-03',
    ]);
    // …which the list in a private chat does.
    expect((await say(bot, privately(DEMO.council), '清单 问题')).texts[0]!.split('\n').at(-1)).toBe('问题#1 [已交办] 村口路灯坏了 —张卫东 12-01 · 王海办理，期限12-03（超期）');
    // The dashboard shows the same numbers.
    const link = (await say(bot, privately(DEMO.township), '看板 温泉村')).texts[0]!;
    const url = new URL(/https?:\/\/\S+/u.exec(link)![0]);
    const html = await (await bot.app.request(url.pathname + url.search)).text();
    const cards = [...html.matchAll(/<div><dt>([^<]+)<\/dt><dd>([^<]+)<\/dd><\/div>/gu)].map((m) => `${m[1]} ${m[2]}`);
    expect(cards.filter((c) => /问题|办理|办结/u.test(c))).toEqual(['问题待解决 2 / 3', '问题待交办 1 个', '问题办理中 1 个', '办理超期 1 个', '问题已办结 1 个（已确认 0）', '办结用时中位数 2 天']);
    expect(html).toContain('<summary>挂包联系（1 个村）</summary><ul><li>江川区江城镇温泉村：赵强</li></ul>');
    // A week later 问题#2 has waited for an owner more than 7 days.
    await bot.tick(new Date('2026-12-14T01:00:00Z'));
    const next = sentTo(bot, 'jiangcheng-station').find((m) => m.key.startsWith('digest:week:2026-W51:'))!.payload.text.split('\n');
    expect(next.slice(-2)).toEqual(['待交办超过 7 天的问题（1 个）：问题#2（江川区江城镇温泉村，12 天）', '超期未办结的问题（1 个）：问题#1（江川区江城镇温泉村，超期 11 天）']);
  });

  it('sends a village’s escalations to its paired contact in private instead of the whole station', async () => {
    const bot = await testBot({ clock: fixedClock('2026-10-01T02:00:00Z'), env: { NUDGE_ESCALATE_AFTER: '1' } });
    for (const who of [DEMO.zhang, DEMO.township, DEMO.county]) await say(bot, privately(who), '帮助');
    await say(bot, STATION, '挂包 温泉村 王芳');
    await hourly(bot, '2026-11-01T20:00:00Z', '2026-11-02T02:00:00Z');
    await hourly(bot, '2026-11-30T20:00:00Z', '2026-12-01T02:00:00Z');
    const escalations = rows<{ key: string; chat_id: string; payload: string }>(bot, "select key, chat_id, payload from outbox where key like '%:escalate:%'");
    expect(escalations.map((r) => [r.key, r.chat_id])).toEqual([
      ['nudge:demo-cadre-wang:2026-W49:escalate:demo-county', 'private-u-jiangchuan'],
      ['nudge:demo-cadre-zhang:2026-W49:escalate:demo-county', 'private-u-jiangchuan'],
    ]);
    expect(JSON.parse(escalations[1]!.payload).text).toMatch(/^请联络站关注：江川区江城镇温泉村回乡干部 张卫东 的五个一还差/u);
    expect(rows(bot, "select count(*) as n from outbox where key like 'nudge-station:%'")).toEqual([{ n: 0 }]);
    // The names of cadres the bot cannot remind in private go to the pair too, not the station.
    expect(rows(bot, "select key, chat_id from outbox where key like 'nudge-unreached:%'")).toEqual([
      { key: 'nudge-unreached:530403101208:2026-W45:demo-county', chat_id: 'private-u-jiangchuan' },
      { key: 'nudge-unreached:530403101208:2026-W49:demo-county', chat_id: 'private-u-jiangchuan' },
    ]);
    // The monthly inspection names the paired contact for a village under red supervision.
    const inspection = sentTo(bot, 'jiangcheng-station').find((m) => m.key.startsWith('inspect:month:2026-11:'))!.payload.text;
    expect(inspection.split('\n').filter((l) => l.includes('挂包联系'))).toEqual(['· 江川区江城镇温泉村：五个一完成率 0%，334天无动静；挂包联系：王芳']);
  });

  it('falls back to the township station’s staff when the paired contact cannot be written to in private', async () => {
    const bot = await testBot({ clock: fixedClock('2026-10-01T02:00:00Z'), env: { NUDGE_ESCALATE_AFTER: '1' } });
    for (const who of [DEMO.zhang, DEMO.township]) await say(bot, privately(who), '帮助');
    await say(bot, STATION, '挂包 温泉村 王芳');
    await hourly(bot, '2026-11-01T20:00:00Z', '2026-11-02T02:00:00Z');
    await hourly(bot, '2026-11-30T20:00:00Z', '2026-12-01T02:00:00Z');
    expect(rows(bot, "select key, chat_id from outbox where key like '%:escalate:%'")).toEqual([
      { key: 'nudge:demo-cadre-wang:2026-W49:escalate:demo-township', chat_id: 'private-u-jiangcheng' },
      { key: 'nudge:demo-cadre-zhang:2026-W49:escalate:demo-township', chat_id: 'private-u-jiangcheng' },
    ]);
  });

  it('imports pairings from the station sheet’s 挂包村 column, checking each village is in the station’s area', async () => {
    const bot = await testBot();
    const table = (cells: string[][]) => [{ sheet: '联络站', rows: cells.map((c, i) => ({ row: i + 1, cells: c })) }];
    const bad = await importTables(bot.store, table([
      ['联络站', '姓名', '手机', '工作单位', '挂包村'],
      ['江城镇', '孙立', '13800004444', '江城镇联络服务站', '温泉村'],
      ['江城镇', '钱进', '13800005555', '江城镇联络服务站', '文山村'],
      ['江城镇', '吴敏', '13800006666', '江城镇联络服务站', '火星村'],
    ]), { skipBad: false, newId: (k) => k, now: bot.clock().getTime() });
    expect(bad.written).toBe(false);
    expect(bad.errors).toEqual([
      { sheet: '联络站', row: 3, reason: '挂包村“文山村”不在江城镇的范围内' },
      { sheet: '联络站', row: 4, reason: '挂包村：找不到地区“火星村”' },
    ]);
    expect(rows(bot, 'select count(*) as n from pairings')).toEqual([{ n: 0 }]);
    const good = await importTables(bot.store, table([
      ['联络站', '姓名', '手机', '工作单位', '挂包联系村'],
      ['江城镇', '孙立', '13800004444', '江城镇联络服务站', '温泉村'],
      ['江川区', '周平', '13800007777', '江川区联络服务站', '温泉村、孤山村'],
    ]), { skipBad: false, newId: (k) => k, now: bot.clock().getTime() });
    expect(good).toMatchObject({ written: true, errors: [], pairings: 3 });
    expect(rows(bot, 'select p.name, r.name as village, x.paired_by from pairings x join people p on p.id = x.person_id join regions r on r.code = x.region_code order by p.name, r.name')).toEqual([
      { name: '周平', village: '孤山村', paired_by: 'import' },
      { name: '周平', village: '温泉村', paired_by: 'import' },
      { name: '孙立', village: '温泉村', paired_by: 'import' },
    ]);
  });
});
