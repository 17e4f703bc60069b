import ExcelJS from 'exceljs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runImport, type Progress } from '../../src/bot/features/spreadsheets/cli.js';
import { say, testBot, type TestBot } from '../support/bot.js';
import { rows } from '../suggestions/support.js';

type Sheets = Record<string, (string | number)[][]>;

async function xlsx(sheets: Sheets): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, data] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of data) ws.addRow(r);
  }
  const dir = await mkdtemp(join(tmpdir(), 'import-'));
  const path = join(dir, 'roster.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

const GOOD: Sheets = {
  地区: [
    ['代码', '名称', '级别', '上级代码'],
    ['530403101299', '归乡新村', '村', '530403101'],
  ],
  干部名册: [
    ['姓名', '手机', '工作单位', '家乡村', '角色'],
    ['张卫东', '13908771234', '玉溪市发展和改革委员会', '530403101208', '回乡干部'],
    ['陈思远', 13800002222, '玉溪市财政局', '530403101299', '编制组组长'],
    ['刘梅', '138 0000 3333', '江川区农业农村局', '温泉村', ''],
  ],
  理事会: [
    ['理事会', '姓名', '手机'],
    ['温泉村', '普丽', '13908770005'],
    ['归乡新村', '钱大伯', ''],
  ],
  联络站: [
    ['联络站', '姓名', '手机', '工作单位'],
    ['江城镇', '孙立', '13800004444', '江城镇联络服务站'],
  ],
};

function cli(bot: TestBot) {
  const out: string[] = [];
  const events: string[] = [];
  let n = 0;
  const progress = (): Progress => ({
    start: (total) => events.push(`start ${total}`),
    update: (done) => events.push(`update ${done}`),
    stop: () => events.push('stop'),
  });
  const run = (argv: string[], progressFrom = 1000) => runImport(argv, { store: bot.store, out: (l) => out.push(l), now: bot.clock, newId: () => `n${++n}`, progress, progressFrom });
  return { out, events, run };
}

const count = (bot: TestBot, table: string) => rows<{ n: number }>(bot, `select count(*) as n from ${table}`)[0]!.n;

describe('npm run import', () => {
  it('loads regions, roster, councils and stations, and updates on a second import without duplicating', async () => {
    const bot = await testBot();
    const path = await xlsx(GOOD);
    const { out, run } = cli(bot);
    const people = count(bot, 'people');
    const roles = count(bot, 'roles');
    expect(await run([path])).toBe(0);
    expect(out).toEqual(['导入完成：地区新增 1、更新 0；人员新增 4、更新 2；角色 7 项；群绑定 0 个。']);
    expect(rows(bot, "select code, name, level, parent_code, path, full_name from regions where code = '530403101299'")).toEqual([
      { code: '530403101299', name: '归乡新村', level: 'village', parent_code: '530403101', path: '530400/530403/530403101/530403101299', full_name: '江川区江城镇归乡新村' },
    ]);
    const imported = () =>
      rows(
        bot,
        `select p.name, p.phone, p.work_unit, p.home_region, p.on_roster,
           (select group_concat(x, ' ') from (select r.role || '@' || r.region_code as x from roles r where r.person_id = p.id order by x)) as roles
         from people p where p.id like 'person-%' or p.id in ('demo-cadre-zhang', 'demo-council') order by p.name`,
      );
    const expected = [
      { name: '刘梅', phone: '13800003333', work_unit: '江川区农业农村局', home_region: '530403101208', on_roster: 1, roles: 'cadre@530403101208' },
      { name: '孙立', phone: '13800004444', work_unit: '江城镇联络服务站', home_region: '530403101', on_roster: 1, roles: 'township_station@530403101' },
      { name: '张卫东', phone: '13908771234', work_unit: '玉溪市发展和改革委员会', home_region: '530403101208', on_roster: 1, roles: 'cadre@530403101208' },
      { name: '普丽', phone: '13908770005', work_unit: '温泉村村民', home_region: '530403101208', on_roster: 1, roles: 'council@530403101208' },
      { name: '钱大伯', phone: null, work_unit: null, home_region: '530403101299', on_roster: 1, roles: 'council@530403101299' },
      { name: '陈思远', phone: '13800002222', work_unit: '玉溪市财政局', home_region: '530403101299', on_roster: 1, roles: 'cadre@530403101299 leader@530403101299' },
    ];
    expect(imported()).toEqual(expected);
    expect(count(bot, 'people')).toBe(people + 4);
    expect(count(bot, 'roles')).toBe(roles + 5);

    expect(await run([path])).toBe(0);
    expect(out[1]).toBe('导入完成：地区新增 0、更新 1；人员新增 0、更新 6；角色 7 项；群绑定 0 个。');
    expect(imported()).toEqual(expected);
    expect(count(bot, 'people')).toBe(people + 4);
    expect(count(bot, 'roles')).toBe(roles + 5);

    // Someone on the imported roster can now join in the village chat.
    expect((await say(bot, { userId: 'u-liumei', userName: '刘梅' }, '登记 刘梅 3333')).texts[0]).toMatch(/^欢迎您，刘梅！/u);
  });

  it('marks party members and villager representatives: columns for cadres, the role cell for people outside the cadre roster', async () => {
    const bot = await testBot();
    const { out, run } = cli(bot);
    const path = await xlsx({
      名册: [
        ['姓名', '手机', '工作单位', '家乡村', '角色', '党员', '村民代表', '政治面貌'],
        ['张卫东', '13908771234', '玉溪市交通运输局', '温泉村', '回乡干部', '是', '', ''],
        ['王海', '13908775678', '江川区教育体育局', '温泉村', '回乡干部', '', '否', '中共党员'],
        ['李四', '', '', '温泉村', '村民代表', '', '', ''],
        ['赵五', '', '', '温泉村', '党员、村民代表', '', '', ''],
        ['钱六', '', '', '温泉村', '村民代表', '', '', '预备党员'],
      ],
    });
    expect(await run([path])).toBe(0);
    expect(out).toEqual(['导入完成：地区新增 0、更新 0；人员新增 3、更新 2；角色 2 项；党员和村民代表 6 项；群绑定 0 个。']);
    expect(rows(bot, "select p.name, p.on_roster, v.kind, v.added_by from village_members v join people p on p.id = v.person_id where v.region_code = '530403101208' order by p.name, v.kind")).toEqual([
      { name: '张卫东', on_roster: 1, kind: 'party', added_by: 'import' },
      { name: '李四', on_roster: 0, kind: 'representative', added_by: 'import' },
      { name: '王海', on_roster: 1, kind: 'party', added_by: 'import' },
      { name: '赵五', on_roster: 0, kind: 'party', added_by: 'import' },
      { name: '赵五', on_roster: 0, kind: 'representative', added_by: 'import' },
      { name: '钱六', on_roster: 0, kind: 'representative', added_by: 'import' },
    ]);
    // Someone outside the cadre roster gets no role, and 「登记」 cannot claim them.
    expect(rows(bot, "select count(*) as n from roles r join people p on p.id = r.person_id where p.name in ('李四', '赵五', '钱六')")).toEqual([{ n: 0 }]);
    // A second import changes nothing.
    expect(await run([path])).toBe(0);
    expect(rows(bot, 'select count(*) as n from village_members')).toEqual([{ n: 6 }]);

    const bad = await xlsx({ 名册: [['姓名', '家乡村', '党员'], ['孙七', '温泉村', '可能']] });
    expect(await run([bad])).toBe(1);
    expect(out.slice(-2)).toEqual(['名册 第 2 行：“党员”一栏应填 是 或 否，不是“可能”', '有 1 行有错，什么都没有导入。改正后重新导入，或加 --skip-bad 只导入正确的行。']);
  });

  it('reports every bad row by sheet and row number and writes nothing', async () => {
    const bot = await testBot();
    const path = await xlsx({
      地区: [
        ['代码', '名称', '级别', '上级代码'],
        ['530403101298', '错村', '村', '999'],
        ['abc', '某村', '村', '530403101'],
        ['530403101297', '好村', '组', '530403101'],
      ],
      干部名册: [
        ['姓名', '手机', '工作单位', '家乡村', '角色'],
        ['周杰', '13800005555', '玉溪市财政局', '温泉村', '回乡干部'],
        ['', '13800006666', '玉溪市财政局', '温泉村', ''],
        ['吴兵', '1380000', '玉溪市财政局', '温泉村', ''],
        ['郑好', '13800007777', '玉溪市财政局', '不存在村', ''],
        ['王强', '13800008888', '玉溪市财政局', '温泉村', '村长'],
        ['周杰', '13800005555', '玉溪市财政局', '温泉村', ''],
        ['何伟', '13800009999', '玉溪市财政局', '江城镇', ''],
      ],
      其他: [['甲', '乙']],
    });
    const before = { people: count(bot, 'people'), roles: count(bot, 'roles'), regions: count(bot, 'regions') };
    const { out, run } = cli(bot);
    expect(await run([path])).toBe(1);
    expect(out).toEqual([
      '其他 第 1 行：认不出这是什么表。地区表要有“代码、名称、级别、上级代码”，名册要有“姓名、手机、工作单位、家乡村、角色”（可加“党员、村民代表”），理事会表要有“理事会、姓名、手机”，联络站表要有“联络站、姓名、手机、工作单位”（可加“挂包村”），群绑定表要有“平台、群ID、绑定地区”（可加“用途、群名”）。',
      '地区 第 2 行：上级代码 999 不存在（表里和系统里都没有）',
      '地区 第 3 行：地区代码“abc”应为数字',
      '地区 第 4 行：级别“组”应为 市、县、乡镇 或 村',
      '干部名册 第 3 行：缺少姓名',
      '干部名册 第 4 行：手机号“1380000”应为 11 位数字',
      '干部名册 第 5 行：找不到地区“不存在村”',
      '干部名册 第 6 行：角色“村长”应为 回乡干部、编制组组长、党员 或 村民代表',
      '干部名册 第 7 行：与干部名册第 2 行是同一人',
      '干部名册 第 8 行：“江城镇”不是村',
      '有 10 行有错，什么都没有导入。改正后重新导入，或加 --skip-bad 只导入正确的行。',
    ]);
    expect({ people: count(bot, 'people'), roles: count(bot, 'roles'), regions: count(bot, 'regions') }).toEqual(before);

    expect(await run([path, '--skip-bad'])).toBe(0);
    expect(out.at(-1)).toBe('导入完成：地区新增 0、更新 0；人员新增 1、更新 0；角色 1 项；群绑定 0 个；跳过有错的 10 行。');
    expect(rows(bot, "select name, phone from people where id like 'person-%'")).toEqual([{ name: '周杰', phone: '13800005555' }]);
    expect(count(bot, 'regions')).toBe(before.regions);
  });

  it('reads CSV (UTF-8 with or without BOM, quoted cells) and shows progress on large files', async () => {
    const bot = await testBot();
    const dir = await mkdtemp(join(tmpdir(), 'import-'));
    const path = join(dir, '名册.csv');
    const lines = ['姓名,手机,工作单位,家乡村,角色', '"林晓",13800001010,"玉溪市财政局,预算科",温泉村,回乡干部'];
    for (let i = 0; i < 30; i++) lines.push(`干部${i},1390000${String(i).padStart(4, '0')},单位${i},温泉村,`);
    await writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`);
    const { out, events, run } = cli(bot);
    expect(await run([path], 10)).toBe(0);
    expect(out).toEqual(['导入完成：地区新增 0、更新 0；人员新增 31、更新 0；角色 31 项；群绑定 0 个。']);
    expect(rows(bot, "select work_unit from people where name = '林晓'")).toEqual([{ work_unit: '玉溪市财政局,预算科' }]);
    expect(events[0]).toBe('start 31');
    expect(events.at(-2)).toBe('update 31');
    expect(events.at(-1)).toBe('stop');
    expect(events.filter((e) => e.startsWith('update'))).toHaveLength(32);

    expect(await run([join(dir, 'x.txt')])).toBe(2);
    expect(await run([])).toBe(2);
    expect(out.slice(1)).toEqual(['无法读取文件：只能导入 .xlsx 或 .csv 文件，收到的是“.txt”', '用法：npm run import -- 文件.xlsx|文件.csv [--skip-bad] [--d1-sql 输出.sql]']);
  });

  it('binds DingTalk and WeCom groups, named as people name the platforms', async () => {
    const bot = await testBot();
    const path = await xlsx({
      群绑定: [
        ['平台', '群ID', '绑定地区', '用途', '群名'],
        ['钉钉', 'cidGushan==', '孤山村', '', '孤山村规划编制组'],
        ['政务微信', 'wrkGushanCouncil', '孤山村', '理事会', ''],
        ['DingTalk', 'cidJiangcheng==', '530403101', '', '江城镇联络服务站'],
      ],
    });
    const { run } = cli(bot);
    expect(await run([path])).toBe(0);
    expect(rows(bot, "select platform, chat_id, region_code, purpose from chats where bound_by = 'import' order by chat_id")).toEqual([
      { platform: 'dingtalk', chat_id: 'cidGushan==', region_code: '530403101201', purpose: 'village' },
      { platform: 'dingtalk', chat_id: 'cidJiangcheng==', region_code: '530403101', purpose: 'township_station' },
      { platform: 'wecom', chat_id: 'wrkGushanCouncil', region_code: '530403101201', purpose: 'council' },
    ]);
  });

  it('binds chats to places by code, spoken or official name, and rejects places not in the tree, by row', async () => {
    const bot = await testBot();
    const path = await xlsx({
      群绑定: [
        ['平台', '群ID', '绑定地区', '用途', '群名'],
        ['飞书', 'oc_gushan', '孤山村民委员会', '', '孤山村规划编制组'],
        ['Telegram', '-1001000000213', '江川区江城镇三百亩村', '理事会', ''],
        ['飞书', 'oc_jiangcheng', '530403101', '', '江城镇联络服务站'],
        ['微信', 'wx_1', '温泉村', '', ''],
        ['飞书', 'oc_x', '530403101999', '', ''],
        ['飞书', 'oc_y', '江城镇', '理事会', ''],
        ['飞书', 'oc_gushan', '孤山村', '', ''],
        ['飞书', '', '孤山村', '', ''],
      ],
    });
    const { out, run } = cli(bot);
    const chatsBefore = count(bot, 'chats');
    expect(await run([path])).toBe(1);
    expect(out.slice(0, -1)).toEqual([
      '群绑定 第 5 行：平台“微信”不认识，可填：telegram、电报、lark、飞书、feishu、dingtalk、钉钉、乡村钉钉、wecom、企业微信、政务微信、企微、local、本地调试台、本地',
      '群绑定 第 6 行：找不到地区“530403101999”',
      '群绑定 第 7 行：理事会群只能绑定到村',
      '群绑定 第 8 行：这个群在第 2 行已经绑定过',
      '群绑定 第 9 行：缺少群ID（飞书群的 chat_id、钉钉群的 openConversationId、企业微信群的 chatid，或 Telegram 群的数字 ID）',
    ]);
    expect(count(bot, 'chats')).toBe(chatsBefore);

    expect(await run([path, '--skip-bad'])).toBe(0);
    expect(out.at(-1)).toBe('导入完成：地区新增 0、更新 0；人员新增 0、更新 0；角色 0 项；群绑定 3 个；跳过有错的 5 行。');
    expect(rows(bot, "select platform, chat_id, title, region_code, purpose, bound_by, active from chats where bound_by = 'import' order by chat_id")).toEqual([
      { platform: 'telegram', chat_id: '-1001000000213', title: null, region_code: '530403101213', purpose: 'council', bound_by: 'import', active: 1 },
      { platform: 'lark', chat_id: 'oc_gushan', title: '孤山村规划编制组', region_code: '530403101201', purpose: 'village', bound_by: 'import', active: 1 },
      { platform: 'lark', chat_id: 'oc_jiangcheng', title: '江城镇联络服务站', region_code: '530403101', purpose: 'township_station', bound_by: 'import', active: 1 },
    ]);
  });

  it('writes the import as SQL for D1 instead of into the database, the same ids every time', async () => {
    const bot = await testBot();
    const path = await xlsx({
      干部名册: [
        ['姓名', '手机', '工作单位', '家乡村', '角色'],
        ["欧阳'晓", '13800001212', '玉溪市财政局', '温泉村', '回乡干部'],
      ],
      群绑定: [
        ['平台', '群ID', '绑定地区'],
        ['Telegram', '-1001000000208', '温泉村'],
      ],
    });
    const dir = await mkdtemp(join(tmpdir(), 'import-sql-'));
    const { out, run } = cli(bot);
    const before = { people: count(bot, 'people'), chats: count(bot, 'chats') };
    expect(await run([path, '--d1-sql', join(dir, 'a.sql')])).toBe(0);
    expect(out).toEqual([`已写出 ${join(dir, 'a.sql')}：地区 0 个，人员 1 位，角色 1 项，群绑定 1 个。导入 D1：npx wrangler d1 execute DB --remote --file ${join(dir, 'a.sql')}`]);
    expect({ people: count(bot, 'people'), chats: count(bot, 'chats') }).toEqual(before);
    const sql = await readFile(join(dir, 'a.sql'), 'utf8');
    expect(await run([path, '--d1-sql', join(dir, 'b.sql')])).toBe(0);
    expect(await readFile(join(dir, 'b.sql'), 'utf8')).toBe(sql);
    // Applied here, the file writes what the import would have.
    bot.store.sqlite.exec(sql);
    bot.store.sqlite.exec(sql);
    expect(rows(bot, "select name, phone, home_region, on_roster from people where name like '欧阳%'")).toEqual([
      { name: "欧阳'晓", phone: '13800001212', home_region: '530403101208', on_roster: 1 },
    ]);
    expect(rows(bot, "select role, region_code from roles where person_id in (select id from people where name like '欧阳%')")).toEqual([{ role: 'cadre', region_code: '530403101208' }]);
    expect(rows(bot, "select platform, region_code, purpose from chats where chat_id = '-1001000000208'")).toEqual([{ platform: 'telegram', region_code: '530403101208', purpose: 'village' }]);
    expect(await run([path, '--d1-sql', 'out.txt'])).toBe(2);
  });
});
