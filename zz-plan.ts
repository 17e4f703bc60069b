import { openSqliteStore } from './src/db/sqlite.js';
const s = openSqliteStore(':memory:');
const ins = s.sqlite.prepare(`insert into outbox (key, platform, chat_id, payload, state, attempts, next_attempt_at, created_at) values (?, ?, ?, '{}', ?, 0, 0, 0)`);
s.sqlite.transaction(() => { for (let i = 0; i < 50000; i++) ins.run('k' + i, i % 3 ? 'telegram' : 'lark', 'c' + (i % 500), i > 49900 ? 'pending' : 'sent'); })();
for (const q of [
 `select * from outbox where (state = 'pending' or (state = 'sending' and lease_until < 5)) and platform = 'telegram' order by id limit 500`,
 `select * from outbox where (state = 'pending' or (state = 'sending' and lease_until < 5)) and +platform = 'telegram' order by id limit 500`,
 `select * from outbox where state in ('pending', 'sending') and (state = 'pending' or lease_until < 5) and +platform = 'telegram' order by id limit 500`,
]) { console.log(s.sqlite.prepare('explain query plan ' + q).all().map((r: any) => r.detail)); const st = s.sqlite.prepare(q); let t = performance.now(); for (let i = 0; i < 100; i++) st.all(); console.log(((performance.now() - t) / 100 * 1000).toFixed(0), 'µs', st.all().length); }
s.sqlite.exec('analyze');
console.log('after analyze');
for (const q of [
 `select * from outbox where (state = 'pending' or (state = 'sending' and lease_until < 5)) and platform = 'telegram' order by id limit 500`,
]) { console.log(s.sqlite.prepare('explain query plan ' + q).all().map((r: any) => r.detail)); const st = s.sqlite.prepare(q); let t = performance.now(); for (let i = 0; i < 100; i++) st.all(); console.log(((performance.now() - t) / 100 * 1000).toFixed(0), 'µs'); }
for (const q of [
 `select id from outbox where platform = 'telegram' and chat_id = 'c1' and id < 49990 and state = 'sending' and lease_until > 5 limit 1`,
]) { console.log(s.sqlite.prepare('explain query plan ' + q).all().map((r: any) => r.detail)); const st = s.sqlite.prepare(q); let t = performance.now(); for (let i = 0; i < 100; i++) st.all(); console.log(((performance.now() - t) / 100 * 1000).toFixed(0), 'µs'); }
