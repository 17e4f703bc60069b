import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueStatement, markFailed } from '../../src/db/repo/outbox.js';
import { outbox } from '../../src/db/schema/index.js';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { testBot } from '../support/bot.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = (path: string, ...args: string[]) =>
  run(TSX, ['src/cli/outbox.ts', ...args], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: path } });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm run outbox', () => {
  it('lists dead letters, counts them in /healthz and queues them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-outbox-cli-'));
    dirs.push(dir);
    const path = join(dir, 'bot.db');
    const store = openSqliteStore(path);
    const at = Date.parse('2026-12-01T02:00:00Z');
    await store.commit([
      enqueueStatement(store.db, { to: { platform: 'telegram', chatId: '-1001', threadId: null }, text: '周调度 · 江城镇' }, 'digest:week:2026-W49:telegram:-1001', at),
      enqueueStatement(store.db, { to: { platform: 'telegram', chatId: '-1001', threadId: null }, text: '第二条' }, 'k2', at),
    ]);
    await markFailed(store.db, 1, { attempts: 8, nextAttemptAt: at, error: 'Internal Server Error', dead: true });

    const bot = await testBot({ path, seed: false });
    const health = (await (await bot.app.request('/healthz')).json()) as { outbox: { dead: number; pending: number } };
    expect(health.outbox).toMatchObject({ dead: 1, pending: 1 });

    const listed = await cli(path, '--dead');
    expect(listed.stdout).toBe(
      [
        '发送失败（dead）1 条，待发送 1 条。',
        ['#1', 'digest:week:2026-W49:telegram:-1001', 'telegram:-1001', '尝试 8 次', '2026-12-01T02:00:00.000Z', 'Internal Server Error', '周调度 · 江城镇'].join('\t'),
        '重新发送：npm run outbox -- --retry <编号|all>',
        '',
      ].join('\n'),
    );
    await expect(cli(path, '--retry', 'x')).rejects.toMatchObject({ code: 2 });
    await expect(cli(path)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('用法：npm run outbox -- --dead') });
    const retried = await cli(path, '--retry', '1');
    expect(retried.stdout).toBe('已重新排队 1 条，服务运行时会自动发送（或运行 npm run tick）。\n');
    expect((await store.db.select().from(outbox)).map((r) => [r.id, r.state, r.attempts])).toEqual([
      [1, 'pending', 0],
      [2, 'pending', 0],
    ]);
    await bot.store.close();
    await store.close();
  }, 60_000);
});
