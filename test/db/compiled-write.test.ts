import { afterEach, describe, expect, it } from 'vitest';
import { getChat, seenChatStatement } from '../../src/db/repo/chats.js';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { insertRecordStatement } from '../../src/db/repo/records.js';
import { records } from '../../src/db/schema/index.js';
import { openSqliteStore, type SqliteStore } from '../../src/db/sqlite.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
function store() {
  const s = openSqliteStore(':memory:');
  stores.push(s);
  return s;
}

const row = {
  id: 'r1',
  kind: 'suggestion' as const,
  seq: 1,
  regionCode: '530403101208',
  personId: 'p1',
  text: '村口道路硬化',
  status: 'pending',
  platform: 'telegram',
  chatId: '-100',
  eventId: 'e1',
  createdAt: 1_800_000_000_000,
  updatedAt: 1_800_000_000_000,
};

describe('writes compiled once (better-sqlite3)', () => {
  it('write the same row drizzle would, optional columns as NULL', async () => {
    const compiled = store();
    const built = store();
    await compiled.commit([insertRecordStatement(compiled.db, row), insertRecordStatement(compiled.db, { ...row, id: 'r2', seq: 2, evidence: '[]', category: '道路' })]);
    await built.commit([built.db.insert(records).values(row), built.db.insert(records).values({ ...row, id: 'r2', seq: 2, evidence: '[]', category: '道路' })]);
    const read = (s: SqliteStore) => s.sqlite.prepare('select * from records order by id').all();
    expect(read(compiled)).toEqual(read(built));
    expect(read(compiled)).toHaveLength(2);
  });

  it('compile the SQL once per connection and bind new values each time', async () => {
    const s = store();
    const prepared: string[] = [];
    const prepare = s.sqlite.prepare.bind(s.sqlite);
    s.sqlite.prepare = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof s.sqlite.prepare;
    const message = (n: number) => ({ to: { platform: 'telegram' as const, chatId: '-100', threadId: null }, text: `第${n}条` });
    for (let n = 0; n < 5; n++) await s.commit([enqueueStatement(s.db, message(n), `k${n}`, 1000 + n)]);
    expect(prepared.filter((q) => q.startsWith('insert into "outbox"'))).toHaveLength(1);
    const rows = s.sqlite.prepare('select key, payload, state, attempts, next_attempt_at as at from outbox order by id').all();
    expect(rows).toEqual([0, 1, 2, 3, 4].map((n) => ({ key: `k${n}`, payload: JSON.stringify({ text: `第${n}条` }), state: 'pending', attempts: 0, at: 1000 + n })));
    // The key is unique: a replay adds nothing.
    await s.commit([enqueueStatement(s.db, message(9), 'k0', 2000)]);
    expect(s.sqlite.prepare('select count(*) as n from outbox').get()).toEqual({ n: 5 });
  });

  it('keep a chat title an event does not carry, and take a new one', async () => {
    const s = store();
    const chat = { platform: 'telegram' as const, chatId: '-100', threadId: null, type: 'group' as const };
    await s.commit([seenChatStatement(s.db, chat, '温泉村规划编制组', 1)]);
    await s.commit([seenChatStatement(s.db, chat, null, 2)]);
    expect((await getChat(s.db, 'telegram', '-100'))?.title).toBe('温泉村规划编制组');
    await s.commit([seenChatStatement(s.db, chat, '温泉村', 3)]);
    expect(await getChat(s.db, 'telegram', '-100')).toMatchObject({ title: '温泉村', updatedAt: 3, active: 1 });
  });
});
