import { asc, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import { createDispatcher } from '../../src/bot/engine/outbox/dispatcher.js';
import { silentLogger, type PlatformSender } from '../../src/bot/engine/ports.js';
import { parseConfig } from '../../src/config.js';
import { isProcessed, markProcessedStatement } from '../../src/db/repo/events.js';
import { claimRow, enqueueStatement, markSent, unsentRows } from '../../src/db/repo/outbox.js';
import { identitiesForPeople, insertPersonStatement, linkIdentityStatement } from '../../src/db/repo/people.js';
import { insertRecordStatement, nextRecordSeq } from '../../src/db/repo/records.js';
import { doneJobs, jobDoneStatement, nudgeHistoryOf, nudgeStatement } from '../../src/db/repo/scheduler.js';
import { outbox, processedEvents, records } from '../../src/db/schema/index.js';
import { DEMO_VILLAGE, seedDemo } from '../../src/db/seed/demo.js';
import { isUniqueViolation, type Store } from '../../src/db/store.js';
import type { RecordKind } from '../../src/domain/types.js';
import { counterIds, fixedClock, say, DEMO } from '../support/bot.js';
import type { StoreFactory } from './stores.js';

const T0 = Date.UTC(2026, 11, 1, 2);

function recordRow(id: string, kind: RecordKind, seq: number, eventId: string) {
  return {
    id,
    kind,
    seq,
    regionCode: DEMO_VILLAGE,
    personId: 'demo-cadre-zhang',
    text: `内容 ${id}`,
    status: 'submitted',
    platform: 'telegram',
    chatId: '-100200',
    eventId,
    createdAt: T0,
    updatedAt: T0,
  };
}

function message(chatId: string, text: string) {
  return { to: { platform: 'telegram' as const, chatId, threadId: null }, text };
}

async function counts(store: Store) {
  const [[r], [o], [p]] = await Promise.all([
    store.db.select({ n: count() }).from(records),
    store.db.select({ n: count() }).from(outbox),
    store.db.select({ n: count() }).from(processedEvents),
  ]);
  return { records: r!.n, outbox: o!.n, processed: p!.n };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the write to be refused');
}

/**
 * What every store must do, whichever driver is underneath. Registered inside a describe block
 * per driver, so a case that passes on better-sqlite3 and fails on D1 names the driver.
 */
export function storeContract(factory: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await factory();
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes the processed-event row, domain rows and outbox rows together, and a redelivery writes nothing', async () => {
    const db = store.db;
    await store.commit([
      markProcessedStatement(db, 'telegram', '9001', T0),
      insertRecordStatement(db, recordRow('r-1', 'suggestion', 1, '9001')),
      enqueueStatement(db, message('-100200', '已记录 建议#1'), 'telegram:9001:0', T0),
    ]);
    expect(await counts(store)).toEqual({ records: 1, outbox: 1, processed: 1 });
    expect(await isProcessed(db, 'telegram', '9001')).toBe(true);
    expect(await isProcessed(db, 'lark', '9001')).toBe(false);

    // The redelivered event decided again (a new record number, a new reply) but its dedupe row
    // collides, so the whole write is refused.
    const err = await rejection(
      store.commit([
        markProcessedStatement(db, 'telegram', '9001', T0 + 1000),
        insertRecordStatement(db, recordRow('r-2', 'suggestion', 2, '9001')),
        enqueueStatement(db, message('-100200', '已记录 建议#2'), 'telegram:9001:redelivered', T0 + 1000),
      ]),
    );
    expect(isUniqueViolation(err)).toBe(true);
    expect(await counts(store)).toEqual({ records: 1, outbox: 1, processed: 1 });
    const rows = await db.select({ id: records.id, seq: records.seq }).from(records);
    expect(rows).toEqual([{ id: 'r-1', seq: 1 }]);
  });

  it('leaves nothing behind when a statement late in the write breaks a unique index', async () => {
    const db = store.db;
    await store.commit([insertRecordStatement(db, recordRow('r-1', 'deed', 1, 'e-1'))]);
    const err = await rejection(
      store.commit([
        markProcessedStatement(db, 'lark', 'ev-2', T0),
        enqueueStatement(db, message('oc_1', '第一条'), 'lark:ev-2:0', T0),
        insertRecordStatement(db, recordRow('r-2', 'visit', 1, 'ev-2')),
        insertRecordStatement(db, recordRow('r-3', 'deed', 1, 'ev-2')), // (deed, 1) is taken
        enqueueStatement(db, message('oc_1', '第二条'), 'lark:ev-2:1', T0),
      ]),
    );
    expect(isUniqueViolation(err)).toBe(true);
    expect(await counts(store)).toEqual({ records: 1, outbox: 0, processed: 0 });
    expect(await isProcessed(db, 'lark', 'ev-2')).toBe(false);
  });

  it('ignores an outbox row whose key is already queued, so a replayed tick sends nothing twice', async () => {
    const db = store.db;
    const key = 'reminder:meeting-7:T-1h';
    await store.commit([enqueueStatement(db, message('-100200', '会议提醒'), key, T0)]);
    await store.commit([enqueueStatement(db, message('-100200', '会议提醒（重放）'), key, T0 + 60_000)]);
    const rows = await db.select({ key: outbox.key, payload: outbox.payload }).from(outbox);
    expect(rows).toEqual([{ key, payload: JSON.stringify({ text: '会议提醒' }) }]);
  });

  it('lets exactly one of several concurrent senders claim an outbox row, and again only after the lease runs out', async () => {
    const db = store.db;
    await store.commit([enqueueStatement(db, message('-100200', '你好'), 'k-1', T0)]);
    const [row] = await unsentRows(db, T0, 10);
    expect(row).toMatchObject({ key: 'k-1', state: 'pending', attempts: 0 });
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimRow(db, row!.id, T0, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Claimed and still leased: not offered to another drain, not claimable.
    expect(await unsentRows(db, T0 + 59_999, 10)).toEqual([]);
    expect(await claimRow(db, row!.id, T0 + 59_999, 60_000)).toBe(false);
    // The claimant crashed: after its lease the row is offered again, to one sender only.
    expect((await unsentRows(db, T0 + 60_001, 10)).map((r) => r.key)).toEqual(['k-1']);
    const again = await Promise.all([claimRow(db, row!.id, T0 + 60_001, 60_000), claimRow(db, row!.id, T0 + 60_001, 60_000)]);
    expect(again.filter(Boolean)).toHaveLength(1);
    await markSent(db, row!.id, T0 + 61_000, 'm-1');
    expect(await claimRow(db, row!.id, T0 + 999_999, 60_000)).toBe(false);
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(sent).toMatchObject({ state: 'sent', sentMessageId: 'm-1', sentAt: T0 + 61_000, leaseUntil: null });
  });

  it('sends each queued message once when two dispatchers (two processes or isolates) drain at the same time', async () => {
    const db = store.db;
    await store.commit([
      enqueueStatement(db, message('-1', 'a1'), 'a1', T0),
      enqueueStatement(db, message('-1', 'a2'), 'a2', T0),
      enqueueStatement(db, message('-2', 'b1'), 'b1', T0),
    ]);
    const sent: string[] = [];
    const sender: PlatformSender = {
      platform: 'telegram',
      async send(envelope) {
        sent.push(envelope.key);
        return { messageId: `m-${envelope.key}` };
      },
    };
    const make = () => createDispatcher({ store, senders: { telegram: sender }, clock: () => new Date(T0), logger: silentLogger, random: () => 0.5 });
    const results = await Promise.all([make().drain(), make().drain()]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(3);
    expect([...sent].sort()).toEqual(['a1', 'a2', 'b1']);
    expect(sent.indexOf('a1')).toBeLessThan(sent.indexOf('a2'));
    const rows = await db.select({ key: outbox.key, state: outbox.state }).from(outbox).orderBy(asc(outbox.id));
    expect(rows).toEqual([
      { key: 'a1', state: 'sent' },
      { key: 'a2', state: 'sent' },
      { key: 'b1', state: 'sent' },
    ]);
  });

  it('refuses the second of two writers that read the same next record number, and the retry takes the next one', async () => {
    const db = store.db;
    const [a, b] = await Promise.all([nextRecordSeq(db, 'problem'), nextRecordSeq(db, 'problem')]);
    expect([a, b]).toEqual([1, 1]);
    await store.commit([markProcessedStatement(db, 'telegram', 'a', T0), insertRecordStatement(db, recordRow('r-a', 'problem', a, 'a'))]);
    const err = await rejection(
      store.commit([markProcessedStatement(db, 'telegram', 'b', T0), insertRecordStatement(db, recordRow('r-b', 'problem', b, 'b'))]),
    );
    expect(isUniqueViolation(err)).toBe(true);
    expect(await isProcessed(db, 'telegram', 'b')).toBe(false);
    const retry = await nextRecordSeq(db, 'problem');
    expect(retry).toBe(2);
    await store.commit([markProcessedStatement(db, 'telegram', 'b', T0), insertRecordStatement(db, recordRow('r-b', 'problem', retry, 'b'))]);
    const rows = await db.select({ id: records.id, seq: records.seq }).from(records).orderBy(asc(records.seq));
    expect(rows).toEqual([
      { id: 'r-a', seq: 1 },
      { id: 'r-b', seq: 2 },
    ]);
  });

  it('numbers records from two pipelines racing on one database without gaps or repeats', async () => {
    await seedDemo(store);
    const config = parseConfig({ DATABASE_PATH: ':memory:' });
    // Two bots on one database: two Node processes, or two Workers isolates on one D1.
    const bots = await Promise.all(
      ['x', 'y'].map((p) => createBot({ config, store, clock: fixedClock(), logger: silentLogger, newId: counterIds(p), random: () => 0.5, senderLimits: false })),
    );
    const [one, two] = await Promise.all([
      say(bots[0]!, { ...DEMO.zhang, eventId: 'race-1' }, '建议：修缮村史馆'),
      say(bots[1]!, { ...DEMO.wang, eventId: 'race-2' }, '建议：增设路灯'),
    ]);
    const numbers = [one.texts[0], two.texts[0]].map((t) => /建议#(\d+)/u.exec(t ?? '')?.[1]).sort();
    expect(numbers).toEqual(['1', '2']);
    const rows = await store.db.select({ seq: records.seq, text: records.text }).from(records).orderBy(asc(records.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows.map((r) => r.text).sort()).toEqual(['修缮村史馆', '增设路灯']);
    // A redelivery of either event, to either bot, adds nothing.
    const again = await say(bots[1]!, { ...DEMO.zhang, eventId: 'race-1' }, '建议：修缮村史馆');
    expect(again.duplicate).toBe(true);
    expect(await counts(store)).toMatchObject({ records: 2, processed: 2 });
  });

  it('answers look-ups by hundreds of ids within the driver’s limit on bound parameters', async () => {
    const db = store.db;
    const ids = Array.from({ length: 250 }, (_, i) => `p-${String(i).padStart(3, '0')}`);
    await store.commit(
      ids.flatMap((id, i) => [
        insertPersonStatement(db, { id, name: `人${i}`, homeRegion: DEMO_VILLAGE, onRoster: 1, createdAt: T0 }),
        linkIdentityStatement(db, { platform: 'telegram', userId: String(5000 + i), personId: id, displayName: `人${i}`, linkedAt: T0 }),
        nudgeStatement(db, { personId: id, week: '2026-W49', sentAt: T0 + i, missing: ['visit'], escalated: false }),
        jobDoneStatement(db, `job:${id}`, T0),
      ]),
    );
    expect((await identitiesForPeople(db, ids, 'telegram')).map((r) => r.personId).sort()).toEqual(ids);
    const history = await nudgeHistoryOf(db, ids);
    expect(history.size).toBe(250);
    expect(history.get('p-249')).toEqual([{ week: '2026-W49', sentAt: T0 + 249, escalated: false }]);
    const done = await doneJobs(db, [...ids.map((id) => `job:${id}`), 'job:never']);
    expect(done.size).toBe(250);
    expect(done.has('job:never')).toBe(false);
  });
}
