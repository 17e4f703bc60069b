import ExcelJS from 'exceljs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/bot/features/spreadsheets/cli.js';
import { testBot, type TestBot } from '../support/bot.js';
import { rows } from '../suggestions/support.js';

async function xlsx(sheets: Record<string, (string | number)[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, data] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of data) ws.addRow(r);
  }
  const path = join(await mkdtemp(join(tmpdir(), 'import-')), 'roster.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

function run(bot: TestBot, argv: string[]) {
  const out: string[] = [];
  let n = 0;
  return runImport(argv, { store: bot.store, out: (l) => out.push(l), now: bot.clock, newId: () => `n${++n}` }).then((code) => ({ code, out }));
}

describe('import at city scale and edge cases', () => {
  it('a township moved to another county by import takes its villages’ paths and full names with it, in the same write', async () => {
    const bot = await testBot();
    const path = await xlsx({ 地区: [['代码', '名称', '级别', '上级代码'], ['530403101', '江城镇', '乡镇', '530402']] });
    const { code, out } = await run(bot, [path]);
    expect(code).toBe(0);
    expect(out).toEqual(['导入完成：地区新增 0、更新 1；人员新增 0、更新 0；角色 0 项；群绑定 0 个。']);
    expect(rows(bot, "select code, parent_code, path, full_name from regions where code in ('530403101', '530403101001', '530403101201') order by code")).toEqual([
      { code: '530403101', parent_code: '530402', path: '530400/530402/530403101', full_name: '红塔区江城镇' },
      { code: '530403101001', parent_code: '530403101', path: '530400/530402/530403101/530403101001', full_name: '红塔区江城镇江城社区' },
      { code: '530403101201', parent_code: '530403101', path: '530400/530402/530403101/530403101201', full_name: '红塔区江城镇孤山村' },
    ]);
    // Every village below it, not only the ones named here.
    const below = rows<{ n: number }>(bot, "select count(*) as n from regions where parent_code = '530403101'")[0]!.n;
    expect(below).toBeGreaterThan(3);
    expect(rows(bot, "select count(*) as n from regions where parent_code = '530403101' and path like '530400/530402/530403101/%' and full_name like '红塔区江城镇%'")).toEqual([{ n: below }]);
    // A renamed county renames everything below it too.
    const renamed = await xlsx({ 地区: [['代码', '名称', '级别', '上级代码'], ['530402', '红塔新区', '县', '530400']] });
    expect((await run(bot, [renamed])).code).toBe(0);
    expect(rows(bot, "select full_name from regions where code = '530403101201'")).toEqual([{ full_name: '红塔新区江城镇孤山村' }]);
    expect(rows(bot, "select count(*) as n from regions where path like '530400/530402/%' and full_name not like '红塔新区%'")).toEqual([{ n: 0 }]);
  });

  it('an empty file fails with a message and a non-zero exit, and writes nothing', async () => {
    const bot = await testBot();
    const before = rows(bot, 'select (select count(*) from people) as people, (select count(*) from regions) as regions');
    const headerOnly = await xlsx({ 干部名册: [['姓名', '手机', '工作单位', '家乡村', '角色']] });
    const blank = await xlsx({ Sheet1: [] });
    const csv = join(await mkdtemp(join(tmpdir(), 'import-')), 'empty.csv');
    await writeFile(csv, '');
    for (const path of [headerOnly, blank, csv]) {
      expect(await run(bot, [path]), path).toEqual({ code: 1, out: ['文件里没有可导入的行，什么都没有导入。第一行写表头（例如“姓名、手机、工作单位、家乡村、角色”），下面每行一人。'] });
    }
    expect(rows(bot, 'select (select count(*) from people) as people, (select count(*) from regions) as regions')).toEqual(before);
  });
});
