import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/bot/engine/ports.js';
import { givingWay, planNudges, type NudgePlanner } from '../../src/bot/features/core/nudge-plan.js';
import { createThreadNudgePlanner, type ThreadNudgePlanner } from '../../src/bot/features/core/nudge-threads.js';
import { nudges, outbox } from '../../src/db/schema/index.js';
import { DEMO, fixedClock, say, testBot, type TestBot } from '../support/bot.js';

const privately = (who: { userId: string; userName: string }) => ({ ...who, chatId: `private-${who.userId}`, chatType: 'private' as const });
const dir = mkdtempSync(join(tmpdir(), 'guixiang-nudge-thread-'));
const opened: ThreadNudgePlanner[] = [];
afterAll(async () => {
  for (const p of opened) await p.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The thread as `npm start` runs it, but from the TypeScript source. */
function threadPlanner(databasePath: string, entry = new URL('../../src/bot/features/core/nudge-thread.ts', import.meta.url)) {
  const warnings: string[] = [];
  const logger: Logger = { info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) };
  const planner = createThreadNudgePlanner({ databasePath, logger, entry });
  opened.push(planner);
  return { planner, warnings, logger };
}

/** A month of the demo village: 张卫东 and the leader are due on the first working day of November. */
async function month(bot: TestBot) {
  await say(bot, privately(DEMO.zhang), '帮助');
  await say(bot, privately(DEMO.leader), '帮助');
  await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
  await say(bot, privately(DEMO.wang), '暂停 至 2026-12-31 借调省里');
  for (let t = Date.parse('2026-11-01T20:00:00Z'); t <= Date.parse('2026-11-02T04:00:00Z'); t += 3600_000) {
    bot.clock.set(new Date(t).toISOString());
    await bot.tick(new Date(t));
  }
  const reminders = (await bot.store.db.select().from(nudges)).map((n) => [n.personId, n.week, n.missing, n.escalated]);
  const messages = (await bot.store.db.select().from(outbox)).filter((r) => r.key.startsWith('nudge')).map((r) => [r.key, JSON.parse(r.payload).text]);
  return { reminders, messages };
}

describe('reminders decided in a worker thread', () => {
  it('decide exactly what the main thread decides, once each, and the thread is what decided', { timeout: 60_000 }, async () => {
    // The same month twice: deciding on this thread (the planner the Node server passes when it
    // has no file to share), then in the thread; each planner's answers are counted.
    const counted = (plan: NudgePlanner) => {
      const seen = { asked: 0, due: [] as string[] };
      const planner: NudgePlanner = async (q) => {
        seen.asked++;
        const due = await plan(q);
        seen.due.push(...due.map((d) => d.person.id));
        return due;
      };
      return { seen, planner };
    };
    let inline: TestBot | undefined;
    const onThisThread = counted((q) => planNudges(inline!.store.db, q, givingWay));
    inline = await testBot({ clock: fixedClock('2026-10-01T02:00:00Z'), deps: { planNudges: onThisThread.planner } });
    const here = await month(inline);
    expect(here.reminders.map((r) => r[0])).toEqual(['demo-cadre-zhang', 'demo-leader']);

    const path = join(dir, 'threaded.db');
    const { planner, warnings } = threadPlanner(path);
    const inThread = counted(planner.plan);
    const threaded = await month(await testBot({ path, clock: fixedClock('2026-10-01T02:00:00Z'), deps: { planNudges: inThread.planner } }));
    expect(threaded).toEqual(here);
    // Asked on every tick in the reminder window (11-02 08:00–12:00 in Yunnan), never outside it,
    // with the same answers as on this thread.
    expect(inThread.seen.asked).toBe(5);
    expect(inThread.seen).toEqual(onThisThread.seen);
    expect(inThread.seen.due.slice(0, 2).sort()).toEqual(['demo-cadre-zhang', 'demo-leader']);
    expect(warnings).toEqual([]);
  });

  it('falls back to deciding on the main thread when the thread cannot run, and says so', { timeout: 60_000 }, async () => {
    const here = await month(await testBot({ clock: fixedClock('2026-10-01T02:00:00Z') }));
    const broken = join(dir, 'broken-thread.mjs');
    writeFileSync(broken, "throw new Error('cannot start');\n");
    const path = join(dir, 'fallback.db');
    const { planner, warnings, logger } = threadPlanner(path, new URL(`file://${broken}`));
    const fellBack = await month(await testBot({ path, clock: fixedClock('2026-10-01T02:00:00Z'), deps: { planNudges: planner.plan, logger } }));
    expect(fellBack).toEqual(here);
    expect(warnings.filter((w) => w.startsWith('nudge planner failed'))).toHaveLength(5);
  });
});
