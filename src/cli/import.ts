import { SingleBar, Presets } from 'cli-progress';
import { runImport } from '../bot/features/spreadsheets/cli.js';
import { parseConfig } from '../config.js';
import { ensureShippedRegions } from '../db/seed/regions.js';
import { openSqliteStore } from '../db/sqlite.js';

// cli-progress: a small, long-maintained bar that redraws one line on a terminal and stays
// silent when stderr is not one (CI logs, pipes).
const config = parseConfig(process.env);
// A file for D1 is checked against the shipped regions in a scratch database; nothing local is written.
const forD1 = process.argv.includes('--d1-sql');
const store = openSqliteStore(forD1 ? ':memory:' : config.DATABASE_PATH);
if (forD1) await ensureShippedRegions(store);
const code = await runImport(process.argv.slice(2), {
  store,
  out: (line) => console.log(line),
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  progress: () => {
    const bar = new SingleBar({ format: '导入 [{bar}] {percentage}% {value}/{total} 行', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
  },
});
await store.close();
process.exit(code);
