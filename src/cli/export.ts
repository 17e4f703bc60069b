import { runExport } from '../bot/features/spreadsheets/cli.js';
import { writeWorkbook } from '../bot/features/spreadsheets/workbook.js';
import { parseConfig } from '../config.js';
import { openSqliteStore } from '../db/sqlite.js';

const config = parseConfig(process.env);
const store = openSqliteStore(config.DATABASE_PATH);
const code = await runExport(process.argv.slice(2), {
  store,
  out: (line) => console.log(line),
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  write: writeWorkbook,
  timeZone: config.BOT_TIMEZONE,
});
await store.close();
process.exit(code);
