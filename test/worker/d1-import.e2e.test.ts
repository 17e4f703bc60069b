import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/bot/features/spreadsheets/cli.js';
import { chats, identities, people, regions } from '../../src/db/schema/index.js';
import { ensureShippedRegions } from '../../src/db/seed/regions.js';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { startFakeTelegram } from './fake-apis.js';
import { buildWorker, executeSqlFile, startWorker, type BuiltWorker, type RunningWorker } from './harness.js';

const TG_TOKEN = '123456:d1-import-token';
const TG_SECRET = 'd1-import-secret';
const GROUP = -1001000000208;
const CADRE = 7001;
/** 22:00 in Beijing on a Tuesday: quiet hours, so the cron sends nothing of its own. */
const CRON_AT = new Date('2026-12-01T14:00:00.000Z');

let built: BuiltWorker;
let worker: RunningWorker;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let importLog: string[];

beforeAll(async () => {
  built = await buildWorker();
  // The documented path: the roster and the chat bindings as a workbook, `npm run import -- … --d1-sql`,
  // then `wrangler d1 execute --file` (here --local, into the D1 the Worker runs on).
  const wb = new ExcelJS.Workbook();
  const roster = wb.addWorksheet('干部名册');
  roster.addRow(['姓名', '手机', '工作单位', '家乡村', '角色']);
  roster.addRow(['赵永清', '13800001208', '玉溪市住房和城乡建设局', '江川区江城镇温泉村', '回乡干部']);
  const bindings = wb.addWorksheet('群绑定');
  bindings.addRow(['平台', '群ID', '绑定地区', '用途', '群名']);
  bindings.addRow(['Telegram', String(GROUP), '温泉村', '编制组', '温泉村规划编制组']);
  const xlsx = join(built.dir, 'roster.xlsx');
  await wb.xlsx.writeFile(xlsx);
  const scratch = openSqliteStore(':memory:');
  await ensureShippedRegions(scratch);
  importLog = [];
  const sql = join(built.dir, 'roster.sql');
  const code = await runImport([xlsx, '--d1-sql', sql], { store: scratch, out: (l) => importLog.push(l), now: () => CRON_AT, newId: () => 'unused' });
  expect(code).toBe(0);
  await scratch.close();
  await executeSqlFile(built, sql);
  // Applying the same file again changes nothing (a run cut short is simply repeated).
  await executeSqlFile(built, sql);

  telegram = await startFakeTelegram(TG_TOKEN);
  worker = await startWorker(built, {
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    DASHBOARD_SECRET: 'd1-import-dashboard-secret',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_BOT_INFO: JSON.stringify({ id: 123456, is_bot: true, first_name: '归乡', username: 'guixiang_d1_bot' }),
  });
}, 300_000);

afterAll(async () => {
  await worker?.dispose();
  await telegram?.close();
  await built?.remove();
});

describe('a roster imported into D1 through the documented path', () => {
  it('is in D1 once, with its chat binding', async () => {
    expect(importLog).toEqual([expect.stringMatching(/：地区 0 个，人员 1 位，角色 1 项，群绑定 1 个。导入 D1：npx wrangler d1 execute DB --remote --file /u)]);
    const rows = await worker.store.db.select({ name: people.name, home: people.homeRegion, onRoster: people.onRoster }).from(people);
    expect(rows).toEqual([{ name: '赵永清', home: '530403101208', onRoster: 1 }]);
    const bound = await worker.store.db.select({ regionCode: chats.regionCode, purpose: chats.purpose, boundBy: chats.boundBy }).from(chats);
    expect(bound).toEqual([{ regionCode: '530403101208', purpose: 'village', boundBy: 'import' }]);
  });

  it('gets the official regions on the Worker\'s first cron', async () => {
    expect(await worker.store.db.select().from(regions)).toEqual([]);
    expect((await worker.scheduled(CRON_AT)).outcome).toBe('ok');
    const under = (level: 'county' | 'township' | 'village') =>
      worker.store.db.select({ code: regions.code }).from(regions).where(and(like(regions.path, '530400/%'), eq(regions.level, level)));
    expect([(await under('county')).length, (await under('township')).length, (await under('village')).length]).toEqual([9, 76, 718]);
  });

  it('is visible to the Worker: the cadre joins in the bound Telegram group', async () => {
    const update = {
      update_id: 9001,
      message: { message_id: 31, date: 1796083200, chat: { id: GROUP, type: 'supergroup', title: '温泉村规划编制组' }, from: { id: CADRE, is_bot: false, first_name: '赵永清' }, text: '登记 赵永清 1208' },
    };
    const res = await worker.mf.dispatchFetch(new URL('/webhook/telegram', worker.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    const [sent] = await telegram.waitFor((c) => c.path.endsWith('/sendMessage') && String(c.body.chat_id) === String(GROUP));
    expect(sent!.body.text).toBe('欢迎您，赵永清！已登记为江川区江城镇温泉村的回乡干部。发送「我的」查看五个一进度，发送「帮助」查看能做什么。');
    const [person] = await worker.store.db.select({ id: people.id }).from(people);
    const linked = await worker.store.db.select({ personId: identities.personId }).from(identities).where(eq(identities.userId, String(CADRE)));
    expect(linked).toEqual([{ personId: person!.id }]);
  });
});
