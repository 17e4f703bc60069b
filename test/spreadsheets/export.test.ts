import ExcelJS from 'exceljs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../src/bot/features/spreadsheets/cli.js';
import { writeWorkbook } from '../../src/bot/features/spreadsheets/workbook.js';
import { DEMO, say, type TestBot } from '../support/bot.js';
import { rows, sentTo } from '../suggestions/support.js';
import { ledgerBot } from './support.js';

const COUNTY = { ...DEMO.county, chatId: 'jiangchuan-station' };

/** Every row of a sheet as plain values, '' for empty cells. */
function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      // A merged title reads as its first cell only.
      cells.push(cell.isMerged && cell.master !== cell ? '' : (cell.value ?? ''));
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    out.push(cells);
  }
  return out;
}

async function readBook(bytes: Uint8Array | Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A month of activity in 温泉村, and one hometown talk held there. */
async function activity(bot: TestBot) {
  await say(bot, DEMO.zhang, '建议 村口道路需要硬化');
  await say(bot, DEMO.wang, '附议 建议#1');
  await say(bot, DEMO.leader, '审核 建议#1 采纳 同意');
  await say(bot, DEMO.zhang, '走访 走访了五户村民');
  await say(bot, DEMO.zhang, '问题 村口路灯坏了');
  await say(bot, DEMO.leader, '交办 问题#1 王海 12月20日');
  await say(bot, DEMO.wang, '实事 修好了村口路灯 回应问题#1');
  await say(bot, DEMO.zhang, '确认 问题#1 基本满意 灯有点暗');
  await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '挂包 温泉村 赵强');
  await say(bot, DEMO.leader, '村规 红白事从简 来自建议#1');
  const at = Date.parse('2026-11-28T11:00:00Z');
  bot.store.sqlite
    .prepare(
      `insert into meetings (id, seq, kind, title, place, region_code, platform, chat_id, starts_at, signin_opens_at, signin_closes_at, status, villagers, created_by, created_at, updated_at)
       values ('m1', 1, 'talk', '温泉村乡情恳谈会', '村委会', '530403101208', 'local', 'wenquan-village', ?, ?, ?, 'closed', 12, 'demo-township', ?, ?)`,
    )
    .run(at, at - 3600_000, at + 7200_000, at - 86_400_000, at);
  const attend = bot.store.sqlite.prepare('insert into meeting_attendance (meeting_id, person_id, status, at, proxy_by) values (?, ?, ?, ?, ?)');
  attend.run('m1', 'demo-cadre-zhang', 'signed', at - 600_000, null);
  attend.run('m1', 'demo-cadre-wang', 'late', at + 900_000, 'demo-leader');
  attend.run('m1', 'demo-cadre-li', 'invited', null, null);
  attend.run('m1', 'demo-leader', 'leave', null, null);
}

describe('/export 导出 and npm run export', () => {
  it('builds the workbook after answering: events behind an export are handled while it is built', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    const bot = await ledgerBot({
      buildLedger: async (scope, now, timeZone) => {
        asked.push(`${scope.code} ${now.toISOString()} ${timeZone}`);
        await gate;
        return { bytes: new Uint8Array([80, 75, 3, 4]), cadres: 4, suggestions: 0, fileName: '江川区-台账-2026-12-01.xlsx' };
      },
    });
    const exporting = say(bot, { ...DEMO.county, chatId: 'private-u-jiangchuan', chatType: 'private' }, '导出');
    // The console waits for the file; the village group's suggestion does not wait for the export.
    const other = await say(bot, DEMO.zhang, '建议 村口安装路灯');
    expect(other.texts[0]).toMatch(/^已记录 建议#1/u);
    expect(asked).toEqual(['530403 2026-12-01T02:00:00.000Z Asia/Shanghai']);
    expect(sentTo(bot, 'private-u-jiangchuan').filter((m) => m.payload.attachment)).toEqual([]);
    release();
    expect((await exporting).texts).toEqual(['江川区台账已导出（4 名回乡干部，0 条建议），请查收表格文件。']);
    expect(sentTo(bot, 'private-u-jiangchuan').at(-1)!.payload.attachment!.fileName).toBe('江川区-台账-2026-12-01.xlsx');
  });

  it('a build that fails is said in Chinese, with what to do', async () => {
    const bot = await ledgerBot({ buildLedger: async () => Promise.reject(new Error('disk full')) });
    expect((await say(bot, { ...DEMO.county, chatId: 'private-u-jiangchuan', chatType: 'private' }, '导出')).texts).toEqual([
      '台账没能生成，请稍后再发送「导出」。一直不行的话，请联系工作专班。',
    ]);
  });

  it('sends the county station the ledger workbook with every sheet', async () => {
    const bot = await ledgerBot();
    await activity(bot);
    // The workbook lists mobile numbers: never into the group, only to the requester in private.
    expect((await say(bot, COUNTY, '导出')).texts).toEqual([
      '台账含有手机号等个人信息，只能私信发给您。请先点开我的头像，给我发一条私信（例如「帮助」），再回来发送「导出」。',
    ]);
    await say(bot, { ...DEMO.county, chatId: 'private-u-jiangchuan', chatType: 'private' }, '帮助');
    const r = await say(bot, COUNTY, '导出');
    expect(r.texts).toEqual(['已私信发送。台账含有手机号等个人信息，只发给您本人。']);
    expect(sentTo(bot, 'jiangchuan-station').some((m) => m.payload.attachment)).toBe(false);
    const sent = sentTo(bot, 'private-u-jiangchuan').at(-1)!.payload;
    expect(sent.text).toBe('江川区台账已导出（4 名回乡干部，1 条建议），请查收表格文件。');
    const file = sent.attachment!;
    expect(file.fileName).toBe('江川区-台账-2026-12-01.xlsx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await readBook(Buffer.from(file.dataBase64, 'base64'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '五个一台账', '建议清单', '实事清单', '走访清单', '问题清单', '村规清单', '会议签到', '会议表决', '挂包联系']);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    }

    const summary = sheetRows(wb.getWorksheet('汇总')!);
    expect(summary[0]).toEqual(['汇总（江川区 · 导出于 2026-12-01 10:00）']);
    expect(summary[1]).toEqual(['地区', '代码', '参与村数', '回乡干部', '暂停', '已加入', '五个一全部完成', '完成率', '五色', '乡情恳谈完成', '实地走访完成', '中肯建议完成', '为民实事完成', '村规民约完成', '建议', '已采纳', '待审核', '实事', '问题未解决', '会议场次', '签到率']);
    const townships = rows<{ code: string; name: string }>(bot, "select code, name from regions where parent_code = '530403' order by code");
    expect(summary.slice(2).map((row) => row[0])).toEqual([...townships.map((t) => t.name), '合计']);
    const jiangcheng = summary.find((row) => row[1] === '530403101')!;
    // The statistics model's figures, as /stats and the dashboard show them: 完成率 = items done over
    // five per cadre (6 of 20), not the share of cadres with all five; villages taking part (with
    // cadres); sign-ins over those expected, 请假 excused (2 of 3).
    expect(jiangcheng).toEqual(['江城镇', '530403101', 1, 4, 0, 3, 0, '30%', '橙', 2, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, '67%']);
    expect(summary.at(-1)).toEqual(['合计', '530403', 1, 4, 0, 3, 0, '30%', '橙', 2, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, '67%']);

    const ledger = sheetRows(wb.getWorksheet('五个一台账')!);
    expect(ledger[1]).toEqual(['序号', '县（市、区）', '乡镇（街道）', '村（社区）', '姓名', '手机', '工作单位', '已加入', '乡情恳谈', '实地走访', '中肯建议', '为民实事', '村规民约', '完成项数', '是否完成', '暂停']);
    expect(ledger.slice(2)).toEqual([
      [1, '江川区', '江城镇', '温泉村', '张卫东', '13908771234', '玉溪市交通运输局', '是', '2026-11-28', '2026-12-01', '2026-12-01', '', '', 3, '否'],
      [2, '江川区', '江城镇', '温泉村', '李秀英', '13908772468', '江川区卫生健康局', '否', '', '', '', '', '', 0, '否'],
      [3, '江川区', '江城镇', '温泉村', '杨建国', '13908770004', '江川区自然资源局', '是', '', '', '', '', '2026-12-01', 1, '否'],
      [4, '江川区', '江城镇', '温泉村', '王海', '13908775678', '江川区教育体育局', '是', '2026-11-28', '', '', '2026-12-01', '', 2, '否'],
    ]);
    expect(sheetRows(wb.getWorksheet('建议清单')!).slice(2)).toEqual([
      ['建议#1', '江川区', '江城镇', '温泉村', '村口道路需要硬化', '基础设施', '张卫东', '2026-12-01', 1, '已采纳', '杨建国', '2026-12-01', '同意', '村规#1'],
    ]);
    expect(sheetRows(wb.getWorksheet('实事清单')!).slice(2)).toEqual([['实事#1', '江川区', '江城镇', '温泉村', '修好了村口路灯 回应问题#1', '王海', '2026-12-01', '问题#1']]);
    expect(sheetRows(wb.getWorksheet('问题清单')!).slice(2)).toEqual([
      ['问题#1', '江川区', '江城镇', '温泉村', '村口路灯坏了', '基础设施', '张卫东', '2026-12-01', '已确认', '王海', '2026-12-20', '2026-12-01', '基本满意：灯有点暗', '实事#1'],
    ]);
    expect(sheetRows(wb.getWorksheet('问题清单')!)[1]).toEqual(['编号', '县（市、区）', '乡镇（街道）', '村（社区）', '问题内容', '类别', '反映人', '反映日期', '状态', '办理人', '办理期限', '办结日期', '反映人评价', '回应实事']);
    expect(sheetRows(wb.getWorksheet('挂包联系')!).slice(1)).toEqual([
      ['县（市、区）', '乡镇（街道）', '村（社区）', '挂包联系人', '挂包日期'],
      ['江川区', '江城镇', '温泉村', '赵强', '2026-12-01'],
    ]);
    expect(sheetRows(wb.getWorksheet('走访清单')!).slice(2)).toEqual([['走访#1', '江川区', '江城镇', '温泉村', '走访了五户村民', '张卫东', '2026-12-01']]);
    expect(sheetRows(wb.getWorksheet('村规清单')!).slice(2)).toEqual([['村规#1', '江川区', '江城镇', '温泉村', '红白事从简 来自建议#1', '杨建国', '2026-12-01', '待审核', '', '建议#1']]);
    const base = ['会议#1', '江川区', '江城镇', '温泉村', '温泉村乡情恳谈会', '恳谈会', '2026-11-28 19:00', '村委会', '已结束'];
    expect(sheetRows(wb.getWorksheet('会议签到')!).slice(2)).toEqual([
      [...base, '张卫东', '已签到', '2026-11-28 18:50'],
      [...base, '李秀英', '缺席'],
      [...base, '杨建国', '请假'],
      [...base, '王海', '迟到', '2026-11-28 19:15', '杨建国'],
      [...base, '村民 12 人', '代签'],
    ]);
  });

  it('scopes the export to the asker’s area and refuses others', async () => {
    const bot = await ledgerBot();
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '导出 江川区')).texts).toEqual(['江川区不在您负责的范围内。']);
    expect((await say(bot, DEMO.zhang, '导出')).texts).toEqual(['您没有使用「导出」的权限。发送「帮助」查看您能用的命令。']);
    // A meeting not yet held, and one cancelled: nobody is listed absent.
    await say(bot, DEMO.leader, '会议 12月3日上午9点 村民代表会议');
    await say(bot, DEMO.leader, '会议 12月4日上午9点 党员大会');
    await say(bot, DEMO.leader, '取消会议 会议#2');
    const township = { ...DEMO.township, chatId: 'private-u-jiangcheng', chatType: 'private' as const };
    expect((await say(bot, township, '导出')).texts).toEqual(['江川区江城镇台账已导出（4 名回乡干部，0 条建议），请查收表格文件。']);
    const empty = await readBook(Buffer.from(sentTo(bot, 'private-u-jiangcheng').at(-1)!.payload.attachment!.dataBase64, 'base64'));
    expect(sheetRows(empty.getWorksheet('建议清单')!).slice(2)).toEqual([['没有建议。']]);
    // The township's export names the county on every row, as the city's does.
    expect(sheetRows(empty.getWorksheet('五个一台账')!).slice(2).map((row) => row.slice(1, 5))).toEqual([
      ['江川区', '江城镇', '温泉村', '张卫东'],
      ['江川区', '江城镇', '温泉村', '李秀英'],
      ['江川区', '江城镇', '温泉村', '杨建国'],
      ['江川区', '江城镇', '温泉村', '王海'],
    ]);
    const signins = sheetRows(empty.getWorksheet('会议签到')!).slice(2);
    expect(signins.some((row) => row.includes('缺席'))).toBe(false);
    expect(new Set(signins.map((row) => `${row[0]} ${row[8]} ${row[10]}`))).toEqual(new Set(['会议#1 待召开 未召开', '会议#2 已取消 会议取消']));
  });

  it('says how to export where the process cannot write workbooks', async () => {
    const bot = await ledgerBot({ writer: false });
    expect((await say(bot, COUNTY, '导出')).texts).toEqual(['这个部署不能在聊天里生成表格文件，请在服务器上运行 npm run export -- --region 地区代码 --out 台账.xlsx。']);
  });

  it('writes the same workbook from the command line', async () => {
    const bot = await ledgerBot();
    await activity(bot);
    const dir = await mkdtemp(join(tmpdir(), 'ledger-'));
    const out: string[] = [];
    const deps = { store: bot.store, out: (l: string) => out.push(l), now: bot.clock, newId: () => 'x', write: writeWorkbook, timeZone: 'Asia/Shanghai' };
    expect(await runExport(['--region', '530403101', '--out', join(dir, 'a.xlsx')], deps)).toBe(0);
    expect(out).toEqual([`已导出 江川区江城镇 的台账到 ${join(dir, 'a.xlsx')}（4 名回乡干部，1 条建议）。`]);
    const wb = await readBook(await readFile(join(dir, 'a.xlsx')));
    const summary = sheetRows(wb.getWorksheet('汇总')!);
    expect(summary[2]![0]).not.toBe('合计');
    expect(summary.find((r) => r[1] === '530403101208')).toEqual(['温泉村', '530403101208', 1, 4, 0, 3, 0, '30%', '橙', 2, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, '67%']);
    expect(await runExport(['--out', 'a.csv'], deps)).toBe(2);
    expect(await runExport(['--region', '不存在的地方', '--out', join(dir, 'b.xlsx')], deps)).toBe(1);
    expect(out.slice(1)).toEqual(['用法：npm run export -- [--region 地区代码或名称] --out 台账.xlsx', '找不到地区“不存在的地方”。']);
  });
});
