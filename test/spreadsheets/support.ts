import { createBot } from '../../src/bot/create-bot.js';
import { silentLogger } from '../../src/bot/engine/ports.js';
import type { LedgerBuilder } from '../../src/bot/features/spreadsheets/export.js';
import { writeWorkbook } from '../../src/bot/features/spreadsheets/workbook.js';
import { parseConfig } from '../../src/config.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { counterIds, fixedClock, type TestBot } from '../support/bot.js';

/** The test bot with the XLSX writer a Node deployment passes in (Workers have none). */
export async function ledgerBot(options: { writer?: boolean; buildLedger?: LedgerBuilder } = {}): Promise<TestBot> {
  const config = parseConfig({ DATABASE_PATH: ':memory:' });
  const store = openSqliteStore(':memory:');
  await seedDemo(store);
  const clock = fixedClock();
  const bot = await createBot({
    config,
    store,
    clock,
    logger: silentLogger,
    newId: counterIds(),
    random: () => 0.5,
    senderLimits: false,
    ...(options.writer === false ? {} : { writeWorkbook }),
    ...(options.buildLedger ? { buildLedger: options.buildLedger } : {}),
  });
  return { ...bot, store, clock };
}
