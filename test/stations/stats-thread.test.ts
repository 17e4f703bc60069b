import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/bot/engine/ports.js';
import { inProcessStats, type StatsReader } from '../../src/bot/features/stations/stats-reader.js';
import { createThreadStats, THREAD_FROM_CADRES, type ThreadStats } from '../../src/bot/features/stations/stats-threads.js';
import { outbox } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const dir = mkdtempSync(join(tmpdir(), 'guixiang-stats-thread-'));
const opened: ThreadStats[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });
const CLOCK = '2026-11-20T02:00:00Z';

/** Calls that read on this thread, by kind and area level. */
function counted(reader: StatsReader) {
  const calls: string[] = [];
  const wrapped: StatsReader = {
    view(scope, ...rest) {
      calls.push(`view:${scope.level}`);
      return reader.view(scope, ...rest);
    },
    weekly(...args) {
      calls.push('weekly');
      return reader.weekly(...args);
    },
    monthly(...args) {
      calls.push('monthly');
      return reader.monthly(...args);
    },
    offThread: (scope) => reader.offThread(scope),
  };
  return { calls, reader: wrapped };
}

/** A bot on a database file whose large areas are read in the thread (from its TypeScript source). */
async function threadedBot(name: string, entry = new URL('../../src/bot/features/stations/stats-thread.ts', import.meta.url), cadres = THREAD_FROM_CADRES) {
  const path = join(dir, `${name}.db`);
  const warnings: string[] = [];
  const logger: Logger = { info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) };
  // What is read on this thread goes to the bot's own connection, once the bot exists.
  let here: ReturnType<typeof counted> | undefined;
  const onThisThread: StatsReader = {
    view: (...args) => here!.reader.view(...args),
    weekly: (...args) => here!.reader.weekly(...args),
    monthly: (...args) => here!.reader.monthly(...args),
    offThread: () => false,
  };
  // The demo roster is small; the thread is for a large one, which `cadres` stands in for.
  const threads = createThreadStats({ databasePath: path, logger, entry, here: onThisThread, cadres: () => cadres });
  opened.push(threads);
  const bot = await testBot({ path, clock: fixedClock(CLOCK), deps: { stats: threads.reader } });
  here = counted(inProcessStats(bot.store.db));
  return { bot, calls: here.calls, warnings };
}

/** A few weeks of the demo village, then what stations and the task force ask. */
async function programme(bot: TestBot) {
  await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
  await say(bot, DEMO.zhang, '实事：帮村里修好了水渠');
  await say(bot, DEMO.wang, '走访：看望了村里的老党员');
  await say(bot, DEMO.zhang, '问题：村小学围墙开裂');
  const replies: string[][] = [];
  for (const [who, text] of [
    [DEMO.county, '统计'],
    [DEMO.county, '统计 江川区 全部'],
    [DEMO.admin, '统计 玉溪市 本周'],
    [DEMO.admin, '统计 全部'],
    [DEMO.township, '统计'],
  ] as const) {
    replies.push((await say(bot, privately(who), text)).texts);
  }
  return replies;
}

async function reports(bot: TestBot) {
  // 月督查 for November on 1 December, 周调度 on Monday 7 December, both at 09:00 in Yunnan.
  const counts = [await bot.tick(new Date('2026-12-01T01:00:00Z')), await bot.tick(new Date('2026-12-07T01:00:00Z'))];
  const rows = (await bot.store.db.select().from(outbox)).filter((r) => /^(digest|inspect):/u.test(r.key));
  return { counts, rows: rows.map((r) => [r.key, JSON.parse(r.payload).text]).sort() };
}

describe('statistics read in a worker thread', () => {
  it('answer /stats and the reports exactly as reading on this thread does, and a county or more is read in the thread', { timeout: 90_000 }, async () => {
    const inline = await testBot({ clock: fixedClock(CLOCK) });
    const expected = await programme(inline);
    const expectedReports = await reports(inline);
    // The answers mean something: the county's month, with its records.
    expect(expected[0]![0]).toContain('江川区');
    expect(expected[2]![0]).toContain('玉溪市');
    expect(expectedReports.rows.length).toBeGreaterThan(1);

    const { bot, calls, warnings } = await threadedBot('same');
    expect(await programme(bot)).toEqual(expected);
    expect(await reports(bot)).toEqual(expectedReports);
    // Only the township's /stats was read here; the county, the city, everywhere and both reports in the thread.
    expect(calls).toEqual(['view:township']);
    expect(warnings).toEqual([]);
  });

  it('reads on this thread when the thread cannot run, and says so', { timeout: 60_000 }, async () => {
    const inline = await testBot({ clock: fixedClock(CLOCK) });
    const expected = await programme(inline);
    const broken = join(dir, 'broken-thread.mjs');
    writeFileSync(broken, "throw new Error('cannot start');\n");
    const { bot, calls, warnings } = await threadedBot('fallback', new URL(`file://${broken}`));
    expect(await programme(bot)).toEqual(expected);
    // The admin's bare 统计 is the city (the one the bot knows).
    expect(calls).toEqual(['view:county', 'view:county', 'view:city', 'view:city', 'view:township']);
    expect(warnings.filter((w) => w.startsWith('stats read in the main thread'))).toHaveLength(4);
  });

  it('reads everything on this thread while the roster is small: no thread costs memory for a village\'s worth of figures', { timeout: 60_000 }, async () => {
    const inline = await testBot({ clock: fixedClock(CLOCK) });
    const expected = await programme(inline);
    const expectedReports = await reports(inline);
    const { bot, calls, warnings } = await threadedBot('small', undefined, THREAD_FROM_CADRES - 1);
    expect(await programme(bot)).toEqual(expected);
    expect(await reports(bot)).toEqual(expectedReports);
    expect(calls).toEqual(['view:county', 'view:county', 'view:city', 'view:city', 'view:township', 'weekly', 'monthly', 'weekly']);
    expect(warnings).toEqual([]);
  });
});
