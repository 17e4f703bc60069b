import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config.js';
import { runRegions } from '../db/seed/regions-command.js';
import { openSqliteStore } from '../db/sqlite.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const code = await runRegions(process.argv.slice(2), {
  openStore: () => openSqliteStore(parseConfig(process.env).DATABASE_PATH),
  out: (line) => console.log(line),
  cacheDir: `${root}node_modules/.cache`,
  dataFile: `${root}src/db/seed/yuxi-regions.ts`,
});
process.exit(code);
