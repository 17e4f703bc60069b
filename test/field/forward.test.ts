import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/bot/features/spreadsheets/cli.js';
import { DEMO, say, testBot } from '../support/bot.js';
import { ledgerBot } from '../spreadsheets/support.js';
import { rows, sentTo } from '../suggestions/support.js';

const textOf = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]!).join('\n');

async function docx(base64: string) {
  const zip = await JSZip.loadAsync(base64, { base64: true });
  const xml = await zip.file('word/document.xml')!.async('string');
  const table = /<w:tbl>[\s\S]*<\/w:tbl>/u.exec(xml)![0];
  return {
    paragraphs: [...xml.replace(table, '').matchAll(/<w:p>([\s\S]*?)<\/w:p>/gu)].map((m) => textOf(m[1]!)),
    table: [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/gu)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/gu)].map((c) => textOf(c[1]!))),
  };
}

async function tickAt(bot: Awaited<ReturnType<typeof ledgerBot>>, iso: string) {
  bot.clock.set(iso);
  await bot.tick(new Date(iso));
}

describe('forwarding adopted suggestions to the planning technical unit', () => {
  it('names the adopting meeting with its figures, the unit and the issuing station', async () => {
    const bot = await ledgerBot();
    await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    await say(bot, DEMO.leader, '成员 杨建国 党员');
    await say(bot, DEMO.leader, '成员 张卫东 党员');
    await say(bot, DEMO.leader, '成员 杨建国 村民代表');
    await say(bot, DEMO.leader, '成员 普丽 村民代表');
    await say(bot, DEMO.leader, '成员 李秀英 村民代表');
    await say(bot, DEMO.leader, '会议 12月4日下午2点 党员大会');
    await tickAt(bot, '2026-12-04T05:45:00Z');
    bot.clock.set('2026-12-04T05:50:00Z');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.zhang, '签到');
    await say(bot, DEMO.leader, '代签 村民 12人');
    await say(bot, DEMO.leader, '表决 建议#1');
    for (const [who, choice] of [[DEMO.leader, 'y'], [DEMO.zhang, 'n']] as const) {
      await bot.app.request('/dev/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chatId: 'wenquan-village', ...who, button: `vote:1:1:${choice}`, eventId: `v-${who.userId}` }),
      });
    }
    await tickAt(bot, '2026-12-04T06:30:00Z');
    // One of two party members for it is not more than half: rejected. A 村民代表会议 reconsiders it
    // and adopts it (two of the three representatives present, both for it by show of hands).
    bot.clock.set('2026-12-05T01:00:00Z');
    await say(bot, DEMO.leader, '会议 12月6日上午9点 村民代表会议');
    await tickAt(bot, '2026-12-06T00:45:00Z');
    bot.clock.set('2026-12-06T00:50:00Z');
    await say(bot, DEMO.leader, '签到');
    await say(bot, DEMO.leader, '代签 李秀英');
    await say(bot, DEMO.leader, '表决 建议#1');
    await say(bot, DEMO.leader, '表决 建议#1 赞成 2 反对 0 弃权 0');
    await tickAt(bot, '2026-12-06T01:30:00Z');
    expect(rows(bot, 'select status from records')).toEqual([{ status: 'adopted' }]);

    const station = { ...DEMO.township, chatId: 'jiangcheng-station' };
    expect((await say(bot, DEMO.leader, '编制单位 温泉村 云南省城乡规划设计研究院')).texts).toEqual(['您没有使用「编制单位」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, station, '编制单位 温泉村')).texts).toEqual(['请写上村名和规划编制技术单位，例如「编制单位 温泉村 云南省城乡规划设计研究院」。']);
    expect((await say(bot, station, '编制单位 温泉村 云南省城乡规划设计研究院')).texts).toEqual([
      '已登记 江川区江城镇温泉村 的规划编制技术单位：云南省城乡规划设计研究院。转交单会写上它。',
    ]);
    expect(rows(bot, "select planning_unit from regions where code = '530403101208'")).toEqual([{ planning_unit: '云南省城乡规划设计研究院' }]);

    await say(bot, station, '转交 温泉村');
    const doc = await docx(sentTo(bot, 'jiangcheng-station').at(-1)!.payload.attachment!.dataBase64);
    const notices = () => sentTo(bot, 'wenquan-village').filter((m) => m.key.startsWith('forward:')).map((m) => m.payload.text);
    expect(notices()).toEqual([
      '【公示】江川区江城镇温泉村以下 1 条建议已采纳并转交云南省城乡规划设计研究院，将在村庄规划编制中研究吸收：\n· 建议#1「村口道路需要硬化」（提出人：张卫东）',
    ]);
    // The same document again tells the village nothing new.
    await say(bot, station, '转交 温泉村');
    expect(notices()).toHaveLength(1);
    expect(doc.paragraphs).toEqual([
      '江川区江城镇温泉村已采纳建议转交单',
      '致：云南省城乡规划设计研究院',
      '以下 1 条建议由回乡干部提出，已经江川区江城镇温泉村村民（代表）会议或党员大会同意采纳，请在村庄规划编制中研究吸收。',
      '联系人：赵强　联系电话：13908770003',
      '出具单位：江川区江城镇联络服务站（盖章）',
      '2026-12-06',
    ]);
    expect(doc.table[1]![8]).toBe('会议#2 村民代表会议（2026-12-06）\n应到 3 人，实到 2 人\n赞成 2，反对 0，弃权 0');

    // Each meeting's decision is an entry of the history, and the forward one of its own.
    expect(rows(bot, "select action, comment, actor_name from record_history order by version")).toEqual([
      { action: 'vote', comment: '会议#1 表决', actor_name: '杨建国' },
      { action: 'reject', comment: '会议#1 党员大会表决未通过：应到 2，实到 2，赞成 1，反对 1，弃权 0', actor_name: '会议#1' },
      { action: 'vote', comment: '会议#2 表决', actor_name: '杨建国' },
      { action: 'adopt', comment: '会议#2 村民代表会议表决通过：应到 3，实到 2，赞成 2，反对 0，弃权 0', actor_name: '会议#2' },
      { action: 'forward', comment: '江川区江城镇温泉村已采纳建议转交单', actor_name: '赵强' },
    ]);
    await say(bot, { ...DEMO.township, chatId: 'private-u-jiangcheng', chatType: 'private' }, '导出');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sentTo(bot, 'private-u-jiangcheng').at(-1)!.payload.attachment!.dataBase64, 'base64') as unknown as ArrayBuffer);
    const suggestion = wb.getWorksheet('建议清单')!.getRow(3);
    // Decided by the meeting, with its figures.
    expect([suggestion.getCell(10).value, suggestion.getCell(11).value, suggestion.getCell(13).value]).toEqual([
      '已转交',
      '会议#2',
      '会议#2 村民代表会议表决通过：应到 3，实到 2，赞成 2，反对 0，弃权 0',
    ]);
    const votes = wb.getWorksheet('会议表决')!;
    expect([3, 4].map((r) => [1, 6, 10, 11, 12, 13, 14, 15, 16].map((c) => votes.getRow(r).getCell(c).value))).toEqual([
      ['会议#1', '党员大会', 1, 1, 0, '未通过', 2, 2, '到会不少于应到党员三分之二，赞成超过应到党员半数'],
      ['会议#2', '村民代表会议', 2, 0, 0, '通过', 3, 2, '到会不少于应到代表三分之二，赞成超过到会代表半数'],
    ]);
  });
});

describe('the planning technical unit from an import', () => {
  it('takes the 规划编制技术单位 column of the regions sheet', async () => {
    const bot = await testBot();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('地区');
    for (const r of [
      ['代码', '名称', '级别', '上级代码', '规划编制技术单位'],
      ['530403101208', '温泉村', '村', '530403101', '玉溪市规划设计院'],
    ]) ws.addRow(r);
    const path = join(await mkdtemp(join(tmpdir(), 'unit-')), 'regions.xlsx');
    await wb.xlsx.writeFile(path);
    const out: string[] = [];
    expect(await runImport([path], { store: bot.store, out: (l) => out.push(l), now: bot.clock, newId: () => 'n' })).toBe(0);
    expect(rows(bot, "select planning_unit from regions where code = '530403101208'")).toEqual([{ planning_unit: '玉溪市规划设计院' }]);
  });
});
