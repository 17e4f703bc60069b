import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot } from '../support/bot.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function tick(databasePath: string, at: string) {
  return run(TSX, ['src/cli/tick.ts', '--at', at], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: databasePath },
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm run tick -- --at', () => {
  it('delivers the reminder of a meeting created in the console, once, even from two processes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-tick-'));
    dirs.push(dir);
    const path = join(dir, 'bot.db');
    const bot = await testBot({ path, clock: fixedClock('2026-12-01T02:00:00Z') });
    await say(bot, DEMO.leader, '会议 12月3日上午9点 村民恳谈会 @村委会议室');
    const [a, b] = await Promise.all([tick(path, '2026-12-02T09:00:00+08:00'), tick(path, '2026-12-02T09:00:00+08:00')]);
    const done = [a.stdout, b.stdout].map((out) => Number(/会议事项 (\d+)/u.exec(out)?.[1]));
    expect(done.sort()).toEqual([0, 1]);
    await tick(path, '2026-12-02T09:01:00+08:00');

    const res = await bot.app.request('/dev/messages?chatId=wenquan-village');
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    expect(messages.map((m) => m.text).filter((t) => t.startsWith('会议提醒'))).toEqual([
      '会议提醒：明天召开 会议#1「村民恳谈会」\n时间：2026-12-03 09:00（周四）\n地点：村委会议室\n签到时间 08:45–09:30。不能参加请发送「请假 理由」。',
    ]);
    const rows = await bot.store.db.select().from(outbox);
    expect(rows.filter((r) => r.key.includes(':remind:24h:')).map((r) => [r.key, r.state])).toEqual([['meeting:id-1:remind:24h:local:wenquan-village', 'sent']]);
    await bot.store.close();
  }, 60_000);

  it('refuses a time it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-tick-'));
    dirs.push(dir);
    await expect(tick(join(dir, 'bot.db'), 'next tuesday')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--at next tuesday is not a time; write it like 2026-12-03T08:45:00+08:00'),
    });
  }, 30_000);
});
