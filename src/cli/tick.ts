/**
 * Runs the scheduler once: `npm run tick` (now) or `npm run tick -- --at 2026-12-03T08:45:00+08:00`.
 * For system cron, operations and tests; safe alongside a running server (nothing is sent twice).
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { createBot } from '../bot/create-bot.js';
import { jsonLogger } from '../bot/engine/ports.js';
import { readCalendarOverrides } from '../bot/engine/scheduler/calendar-file.js';
import { officialCalendar } from '../bot/engine/scheduler/index.js';
import { openSqliteStore } from '../db/sqlite.js';
import { AppError } from '../domain/errors.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { at: { type: 'string' } }, allowPositionals: false });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new AppError('bad_request', `--at ${values.at} is not a time; write it like 2026-12-03T08:45:00+08:00`);
  const config = parseConfig(process.env);
  const store = openSqliteStore(config.DATABASE_PATH);
  try {
    const calendar = officialCalendar(config.CALENDAR_OVERRIDES ? readCalendarOverrides(config.CALENDAR_OVERRIDES) : undefined);
    // With --at the whole run, sending included, happens at that moment.
    const clock = values.at ? () => new Date(at) : () => new Date();
    const bot = await createBot({ config, store, clock, calendar, logger: jsonLogger((l) => console.error(l)) });
    const r = await bot.tick(at);
    console.log(
      `tick ${at.toISOString()}：会议事项 ${r.meetings ?? 0}，周调度 ${r.digests ?? 0}，月督查 ${r.inspections ?? 0}，五个一提醒 ${r.nudges ?? 0}（上报联络站 ${r.escalations ?? 0}），已由其他进程完成 ${r.skipped}`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof AppError ? err.message : err instanceof Error ? err.stack : err);
  process.exit(1);
});
