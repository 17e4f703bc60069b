import { createBot } from './src/bot/create-bot.js';
import { silentLogger } from './src/bot/ports.js';
import { parseConfig } from './src/config.js';
import { openSqliteStore } from './src/db/sqlite.js';
import { seedLoadRoster } from './test/reliability/support/roster.js';
import { suggestUpdate, telegramHeaders } from './test/reliability/support/payloads.js';
import { BOT_INFO, fakeBotApi } from './test/telegram/support/fake-bot-api.js';
import { SECRET, TOKEN } from './test/telegram/support/telegram-bot.js';
const SHAPE = { cadres: 4000, villages: 500 };
const store = openSqliteStore(':memory:');
await seedLoadRoster(store, SHAPE);
const stats = new Map<string, { n: number; ms: number }>();
const db = store.sqlite as any;
const origPrepare = db.prepare;
db.prepare = (sql: string) => {
  const st = origPrepare(sql);
  if (st.__wrapped) return st;
  st.__wrapped = true;
  for (const m of ['all', 'get', 'run']) {
    const f = st[m].bind(st);
    st[m] = (...a: unknown[]) => { const t = performance.now(); try { return f(...a); } finally { const s = stats.get(sql) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(sql, s); } };
  }
  const raw = st.raw.bind(st);
  st.raw = (...a: unknown[]) => { raw(...a); return st; };
  return st;
};
const fake = fakeBotApi();
const bot = createBot({ config: parseConfig({ DATABASE_PATH: ':memory:', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_BOT_INFO: JSON.stringify(BOT_INFO), TELEGRAM_API_ROOT: 'https://x.test' }), store, logger: silentLogger, telegram: { fetch: fake.fetch } });
const N = 4000; let next = 0;
const t = performance.now();
await Promise.all(Array.from({ length: 16 }, async () => { while (next < N) { const n = next++; await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(suggestUpdate(n, SHAPE)) }); } }));
const ms = performance.now() - t;
console.log(N, 'in', ms.toFixed(0), 'ms =', (N / ms * 1000).toFixed(0), 'req/s; sends', fake.sends().length);
let total = 0; for (const s of stats.values()) total += s.ms;
console.log('sql total', total.toFixed(0));
for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(s.ms.toFixed(0).padStart(6), String(s.n).padStart(6), sql.slice(0, 150));
process.exit(0);
