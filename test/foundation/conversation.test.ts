import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conversations, records } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot } from '../support/bot.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('conversations', () => {
  it('a record command without text asks for it, then records the next message', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '建议')).texts).toEqual(['请发送建议内容（发送「取消」退出）']);
    expect(await bot.store.db.select().from(conversations)).toHaveLength(1);
    // Someone else talking in the group is not taken as the answer.
    expect((await say(bot, DEMO.wang, '我觉得可以')).replies).toEqual([]);
    const r = await say(bot, DEMO.zhang, '村口道路需要硬化');
    expect(r.texts[0]).toMatch(/^已记录 建议#1/u);
    expect(await bot.store.db.select().from(conversations)).toHaveLength(0);
    expect((await bot.store.db.select().from(records))[0]).toMatchObject({ text: '村口道路需要硬化', personId: 'demo-cadre-zhang' });
  });

  it('取消 ends it and writes no record', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '/deed');
    expect((await say(bot, DEMO.zhang, '取消')).texts).toEqual(['已取消。']);
    expect((await say(bot, DEMO.zhang, '取消')).texts).toEqual(['现在没有进行中的对话。']);
    expect(await bot.store.db.select().from(records)).toHaveLength(0);
  });

  it('a new command replaces the half-finished exchange', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '走访');
    const r = await say(bot, DEMO.zhang, '实事 修了水管');
    expect(r.texts[0]).toMatch(/^已记录 实事#1/u);
    expect(await bot.store.db.select().from(conversations)).toHaveLength(0);
    expect((await say(bot, DEMO.zhang, '随便说说')).replies).toEqual([]);
  });

  it('expires after 10 minutes', async () => {
    const clock = fixedClock();
    const bot = await testBot({ clock });
    await say(bot, DEMO.zhang, '建议');
    clock.advance(10 * 60_000 + 1);
    expect((await say(bot, DEMO.zhang, '村口道路需要硬化')).replies).toEqual([]);
    expect(await bot.store.db.select().from(records)).toHaveLength(0);
  });

  it('survives a restart: the state is in the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-conv-'));
    dirs.push(dir);
    const path = join(dir, 'bot.db');
    const clock = fixedClock();
    const first = await testBot({ path, clock });
    await say(first, DEMO.zhang, '问题');
    await first.store.close();
    clock.advance(5 * 60_000);
    const second = await testBot({ path, clock, seed: false });
    const r = await say(second, DEMO.zhang, '水渠堵了');
    expect(r.texts[0]).toMatch(/^已记录 问题#1/u);
    await second.store.close();
  });
});
