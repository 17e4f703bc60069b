import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.js';
import { bindChatStatement } from '../../src/db/repo/chats.js';
import { grantRoleStatement, linkIdentityStatement, upsertPersonStatement } from '../../src/db/repo/people.js';
import { ledgerBot } from '../spreadsheets/support.js';
import { rows, sentTo } from '../suggestions/support.js';
import { DEMO, say, type TestBot } from '../support/bot.js';

/**
 * One organisation seen through all five outputs: /stats, the dashboard, the ledger (台账),
 * the weekly digest (周调度) and the monthly inspection (月督查) must show every village of
 * 江城镇 with the same 完成率 and the same colour, a paused cadre left out of all of them.
 */
const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };
const STATION_PRIVATE = { ...DEMO.township, chatId: 'private-u-jiangcheng', chatType: 'private' as const };
const MARK_LABEL: Record<string, string> = { '🟢': '绿', '🔵': '蓝', '🟡': '黄', '🟠': '橙', '🔴': '红', '⚪': '暂无干部' };
const LABEL_MARK = Object.fromEntries(Object.entries(MARK_LABEL).map(([m, l]) => [l, m]));

type Standing = Record<string, { rate: string; colour: string }>;

async function inbox(bot: Bot, chatId: string): Promise<string[]> {
  const res = await bot.app.request(`/dev/messages?chatId=${encodeURIComponent(chatId)}`);
  return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
}

/** Three villages of 江城镇 next to the demo's 温泉村, each with its own village chat and cadres. */
async function organisation(bot: TestBot) {
  const db = bot.store.db;
  const code = (name: string) => rows<{ code: string }>(bot, "select code from regions where parent_code = '530403101' and name = ?", name)[0]!.code;
  const at = bot.clock().getTime();
  const village = (chatId: string, name: string) =>
    bindChatStatement(db, { platform: 'local', chatId, type: 'group', threadId: null }, { regionCode: code(name), purpose: 'village', boundBy: 'demo-admin', title: name }, at);
  const cadre = (id: string, name: string, villageName: string) => [
    upsertPersonStatement(db, { id, name, homeRegion: code(villageName), onRoster: 1, createdAt: at }),
    grantRoleStatement(db, id, 'cadre', code(villageName), at),
    linkIdentityStatement(db, { platform: 'local', userId: `u-${id}`, personId: id, displayName: name, linkedAt: at }),
  ];
  await bot.store.commit([
    village('gushan-village', '孤山村'),
    village('zuowei-village', '左卫村'),
    village('dadi-village', '大地村'),
    ...cadre('sunmin', '孙敏', '孤山村'),
    ...cadre('zhouping', '周平', '孤山村'),
    ...cadre('qianjin', '钱进', '左卫村'),
    ...cadre('wugang', '吴刚', '大地村'),
  ]);
}

const as = (id: string, name: string, chatId: string) => ({ userId: `u-${id}`, userName: name, chatId });

async function activity(bot: TestBot) {
  // 钱进 does three items in 左卫村, then nothing for almost four weeks.
  bot.clock.set('2026-11-10T02:00:00Z');
  const qian = as('qianjin', '钱进', 'zuowei-village');
  await say(bot, qian, '走访 走访了八户村民');
  await say(bot, qian, '建议 修一座便民桥');
  await say(bot, qian, '实事 帮村里联系了农技培训');
  // 孙敏 does all five in 孤山村; 周平 goes to the province and is paused.
  bot.clock.set('2026-12-03T02:00:00Z');
  const sun = as('sunmin', '孙敏', 'gushan-village');
  await say(bot, sun, '恳谈 参加了村里的座谈会');
  await say(bot, sun, '走访 走访了五户老党员');
  await say(bot, sun, '建议 村里建一个晒场');
  await say(bot, sun, '实事 修好了水池');
  await say(bot, sun, '村规 建议增加垃圾分类条款');
  expect((await say(bot, { userId: 'u-zhouping', userName: '周平', chatId: 'private-u-zhouping', chatType: 'private' }, '暂停 至 2027-01-31 借调省里')).texts[0]).toMatch(
    /^已暂停 周平 至 2027-01-31/u,
  );
  // 张卫东 does two items in 温泉村 (four cadres there). 吴刚 in 大地村 does nothing.
  bot.clock.set('2026-12-04T02:00:00Z');
  await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
  await say(bot, DEMO.zhang, '走访 走访了三户老党员');
}

/** /stats for the township: one row per village with cadres, 「🟢 孤山村 100% · …」. */
async function fromStats(bot: TestBot): Promise<Standing> {
  const text = (await say(bot, STATION, '统计')).texts[0]!;
  const out: Standing = {};
  for (const m of text.matchAll(/^(\S+) (\S+村) (\d+%|—) · /gmu)) out[m[2]!] = { rate: m[3]!, colour: MARK_LABEL[m[1]!]! };
  return out;
}

async function dashboardHtml(bot: TestBot): Promise<string> {
  expect((await say(bot, STATION, '看板')).texts).toEqual(['看板链接已私信发给您，请在与我的私聊里查看。']);
  const url = new URL(/https?:\/\/\S+/u.exec((await inbox(bot, 'private-u-jiangcheng')).at(-1)!)![0]);
  const res = await bot.app.request(url.pathname + url.search);
  expect(res.status).toBe(200);
  return res.text();
}

/** The dashboard's table: 「<span title="绿">🟢</span> <a …>孤山村</a> …</th><td class="num">100%</td>」. */
function fromDashboard(html: string): Standing {
  const out: Standing = {};
  for (const m of html.matchAll(/<span title="([^"]+)">(\S+)<\/span> <a class="drill" href="[^"]*">([^<]+)<\/a>[\s\S]*?<\/th><td class="num">([^<]+)<\/td>/gu)) {
    expect(MARK_LABEL[m[2]!]).toBe(m[1]);
    if (m[1] === '暂无干部') continue;
    out[m[3]!] = { rate: m[4]!, colour: m[1]! };
  }
  return out;
}

async function workbook(bot: TestBot): Promise<ExcelJS.Workbook> {
  await say(bot, STATION_PRIVATE, '导出');
  const file = sentTo(bot, 'private-u-jiangcheng').at(-1)!.payload.attachment!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** Every row of a sheet as plain values, '' for empty cells, as wide as the sheet. */
function cells(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value ?? ''));
  }
  return out;
}

/** The ledger's 汇总 sheet: a row per village, 完成率 and 五色 under their headers. */
function fromLedger(wb: ExcelJS.Workbook): Standing {
  const [, header, ...body] = cells(wb.getWorksheet('汇总')!);
  const rate = header!.indexOf('完成率');
  const colour = header!.indexOf('五色');
  const cadres = header!.indexOf('回乡干部');
  const paused = header!.indexOf('暂停');
  const out: Standing = {};
  for (const row of body) {
    if (row[0] === '合计' || (row[cadres] === 0 && row[paused] === 0)) continue;
    out[row[0] as string] = { rate: row[rate] as string, colour: row[colour] as string };
  }
  return out;
}

function scheduled(bot: TestBot, keyPrefix: string): string {
  const row = sentTo(bot, 'jiangcheng-station').find((r) => r.key.startsWith(keyPrefix));
  expect(row, keyPrefix).toBeDefined();
  return row!.payload.text;
}

/** 周调度's 分区情况: 「· 🟢孤山村：…，完成率 100%，…」. */
function fromDigest(text: string): Standing {
  const out: Standing = {};
  for (const m of text.matchAll(/^· (\p{Extended_Pictographic})(\S+村)：.*?完成率 (\d+%|—)/gmu)) out[m[2]!] = { rate: m[3]!, colour: MARK_LABEL[m[1]!]! };
  return out;
}

/** 月督查: 「🟢绿：江川区江城镇孤山村（100%）」, and red ones line by line with their 完成率. */
function fromInspection(text: string): Standing {
  const out: Standing = {};
  for (const line of text.split('\n')) {
    const listed = /^\p{Extended_Pictographic}(\S)：(.+)$/u.exec(line);
    if (listed) for (const m of listed[2]!.matchAll(/江川区江城镇(\S+?村)（(\d+%)）/gu)) out[m[1]!] = { rate: m[2]!, colour: listed[1]! };
    const red = /^· 江川区江城镇(\S+?村)：五个一完成率 (\d+%)/u.exec(line);
    if (red) out[red[1]!] = { rate: red[2]!, colour: '红' };
  }
  return out;
}

describe('the five outputs agree', () => {
  it('shows every village with the same 完成率 and colour in /stats, the dashboard, the ledger, 周调度 and 月督查, a paused cadre counted in none', { timeout: 60_000 }, async () => {
    const bot = await ledgerBot();
    bot.clock.set('2026-11-02T02:00:00Z');
    await organisation(bot);
    await activity(bot);

    // Monday 2026-12-07 09:00: the digest of 11-30 to 12-06 and (within its week) November's inspection.
    bot.clock.set('2026-12-07T01:00:00Z');
    await bot.tick(bot.clock());
    await say(bot, STATION_PRIVATE, '帮助');

    // 孤山村: 孙敏 5 of 5, 周平 paused (5 of 10 = 50%, yellow, were he counted), active this week.
    // 左卫村: 3 of 5, quiet 26 days: blue, and 14天无动静. 温泉村: 2 of 4 × 5, active: orange.
    // 大地村: nothing since its chat was bound 34 days ago: red.
    const expected: Standing = {
      孤山村: { rate: '100%', colour: '绿' },
      左卫村: { rate: '60%', colour: '蓝' },
      大地村: { rate: '0%', colour: '红' },
      温泉村: { rate: '10%', colour: '橙' },
    };
    const stats = await fromStats(bot);
    const html = await dashboardHtml(bot);
    const wb = await workbook(bot);
    const digest = scheduled(bot, 'digest:week:2026-W50:');
    const inspection = scheduled(bot, 'inspect:month:2026-11:');
    expect(stats).toEqual(expected);
    expect(fromDashboard(html)).toEqual(expected);
    expect(fromLedger(wb)).toEqual(expected);
    expect(fromDigest(digest)).toEqual(expected);
    expect(fromInspection(inspection)).toEqual(expected);

    // The township's totals: 7 counted cadres (周平 not), 5 + 3 + 0 + 2 = 10 items of 35 = 29%.
    const statsText = (await say(bot, STATION, '统计')).texts[0]!.split('\n');
    expect(statsText[1]).toBe('回乡干部 7 人：名册 7，已登记 6，暂停 1 人（不计入）');
    expect(statsText[2]).toBe('五个一完成率 29%，五项全完成 1 人');
    expect(statsText).toContain('🟢 孤山村 100% · 1人（暂停1） · 建议1 · 实事1 · 最近12-03');
    expect(html).toContain('<dt>五个一完成率</dt><dd>29%</dd>');
    const summary = cells(wb.getWorksheet('汇总')!);
    expect(summary.at(-1)!.slice(0, 9)).toEqual(['合计', '530403101', 4, 7, 1, 6, 1, '29%', '橙']);
    expect(digest).toContain('在册干部 7 人，已登记 6 人（86%），暂停 1 人（不计入）；五个一完成率 29%，五项全完成 1 人');
    expect(digest).toContain('· 🟢孤山村：本周 4 条、会议 1 场；累计 4 条、会议 1 场；干部 1/1 已登记，暂停 1 人（不计入），完成率 100%，五项全完成 1 人；建议 待审核 1');
    expect(digest).toContain('14天无动静的村（2 个）：江川区江城镇左卫村、江川区江城镇大地村');
    expect(inspection).toContain('五色督办：🟢绿 1  🔵蓝 1  🟡黄 0  🟠橙 1  🔴红 1');
    expect(inspection).toContain('· 江川区江城镇大地村：五个一完成率 0%，34天无动静；挂包联系：江川区江城镇联络服务站（赵强）');

    // The paused cadre is shown with the pause's last day where stations see people.
    expect((await say(bot, STATION, '统计 孤山村')).texts[0]!.split('\n').slice(-2)).toEqual([
      '孙敏 5/5 ✅✅✅✅✅ · 最近12-03',
      '周平 0/5 ⬜⬜⬜⬜⬜ · 暂停（至 2027-01-31）',
    ]);
    const drill = /<a class="drill" href="([^"]+)">孤山村<\/a>/u.exec(html)![1]!.replace(/&amp;/gu, '&');
    const village = await (await bot.app.request(drill)).text();
    expect(village).toContain('<tr class="cadre"><th scope="row">周平</th><td>暂停（至 2027-01-31）</td>');
    expect(village).toContain('<dt>五个一完成率</dt><dd>100%</dd>');
    const ledger = cells(wb.getWorksheet('五个一台账')!);
    const pauseColumn = ledger[1]!.indexOf('暂停');
    expect(ledger.find((r) => r[4] === '周平')![pauseColumn]).toBe('暂停（至 2027-01-31）');
    expect(ledger.find((r) => r[4] === '孙敏')![pauseColumn]).toBe('');
    expect(LABEL_MARK[expected.孤山村!.colour]).toBe('🟢');
  });

  it('counts the cadre again in all five once the pause has run out by itself', { timeout: 60_000 }, async () => {
    const bot = await ledgerBot();
    bot.clock.set('2026-11-02T02:00:00Z');
    await organisation(bot);
    await activity(bot);

    // Monday 2027-02-01 09:00, the day after the pause's last day: 周平 counts again, 5 of 10.
    // 孤山村 has been quiet since 12-03 (60 days): orange. The others are quiet too by now.
    bot.clock.set('2027-02-01T01:00:00Z');
    await bot.tick(bot.clock());
    await say(bot, STATION_PRIVATE, '帮助');
    const expected: Standing = {
      孤山村: { rate: '50%', colour: '橙' },
      左卫村: { rate: '60%', colour: '橙' },
      大地村: { rate: '0%', colour: '红' },
      温泉村: { rate: '10%', colour: '红' },
    };
    const wb = await workbook(bot);
    expect(await fromStats(bot)).toEqual(expected);
    expect(fromDashboard(await dashboardHtml(bot))).toEqual(expected);
    expect(fromLedger(wb)).toEqual(expected);
    expect(fromDigest(scheduled(bot, 'digest:week:2027-W05:'))).toEqual(expected);
    expect(fromInspection(scheduled(bot, 'inspect:month:2027-01:'))).toEqual(expected);

    expect((await say(bot, STATION, '统计 孤山村')).texts[0]).not.toContain('暂停');
    const ledger = cells(wb.getWorksheet('五个一台账')!);
    expect(ledger.find((r) => r[4] === '周平')![ledger[1]!.indexOf('暂停')]).toBe('');
    expect(cells(wb.getWorksheet('汇总')!).at(-1)!.slice(0, 9)).toEqual(['合计', '530403101', 4, 8, 0, 7, 1, '25%', '橙']);
  });
});
