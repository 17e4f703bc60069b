import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import { emptyCounts, type FiveOnesCounts } from '../../domain/five-ones.js';
import { ANONYMOUS_LABEL } from '../../domain/anonymous.js';
import type { RecordKind } from '../../domain/types.js';
import { people, records } from '../schema/index.js';
import { compiledWrite, perDb } from '../prepared.js';
import type { Db, Statement } from '../store.js';

export type RecordRow = typeof records.$inferSelect;

/** Next number for a kind. Read before the write; the unique (kind, seq) index catches a race. */
export async function nextRecordSeq(db: Db, kind: RecordKind): Promise<number> {
  const query = perDb(db, 'next-record-seq', () =>
    db
      .select({ m: max(records.seq) })
      .from(records)
      .where(eq(records.kind, sql.placeholder('kind')))
      .prepare(),
  );
  const rows = await query.all({ kind });
  return (rows[0]?.m ?? 0) + 1;
}

type RecordInsert = typeof records.$inferInsert;
type RecordValues = { [K in keyof Required<RecordInsert>]: Exclude<RecordInsert[K], undefined> };

export function insertRecordStatement(db: Db, row: RecordInsert): Statement {
  const values: RecordValues = { ...row, evidence: row.evidence ?? null, category: row.category ?? null, anonymous: row.anonymous ?? 0 };
  return compiledWrite<RecordValues>(db, 'insert-record', (v) =>
    db.insert(records).values({
      id: v('id'),
      kind: v('kind'),
      seq: v('seq'),
      regionCode: v('regionCode'),
      personId: v('personId'),
      text: v('text'),
      status: v('status'),
      evidence: v('evidence'),
      category: v('category'),
      anonymous: v('anonymous'),
      platform: v('platform'),
      chatId: v('chatId'),
      eventId: v('eventId'),
      createdAt: v('createdAt'),
      updatedAt: v('updatedAt'),
    }),
  )(values);
}

export async function getRecordBySeq(db: Db, kind: RecordKind, seq: number): Promise<RecordRow | null> {
  const rows = await db
    .select()
    .from(records)
    .where(and(eq(records.kind, kind), eq(records.seq, seq)))
    .limit(1);
  return rows[0] ?? null;
}

/** Counts of a person's records per kind; the "talk" item comes from meetings (added by caller). */
export async function recordCountsOf(db: Db, personId: string): Promise<FiveOnesCounts> {
  const query = perDb(db, 'record-counts-of', () =>
    db
      .select({ kind: records.kind, n: count() })
      .from(records)
      .where(eq(records.personId, sql.placeholder('personId')))
      .groupBy(records.kind)
      .prepare(),
  );
  const rows = await query.all({ personId });
  const counts = emptyCounts();
  for (const r of rows) {
    if (r.kind === 'suggestion' || r.kind === 'deed' || r.kind === 'visit' || r.kind === 'rule') counts[r.kind] = r.n;
  }
  return counts;
}

export async function countRecords(db: Db, regionCode: string, kind: RecordKind): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(records)
    .where(and(eq(records.regionCode, regionCode), eq(records.kind, kind)));
  return rows[0]?.n ?? 0;
}

/** A record as lists and ledgers show it, with its author's name (join people on person_id). */
export const recordWithAuthor = {
  id: records.id,
  seq: records.seq,
  text: records.text,
  status: records.status,
  category: records.category,
  createdAt: records.createdAt,
  // Masked here, in the one selection every list, document and ledger uses, so none can leak it.
  author: sql<string>`case when ${records.anonymous} = 1 then ${ANONYMOUS_LABEL} else ${people.name} end`,
  anonymous: records.anonymous,
};

/** Records of a village of one kind with their authors, newest first. */
export async function villageRecords(db: Db, regionCode: string, kind: RecordKind, limit: number, offset = 0) {
  return db
    .select(recordWithAuthor)
    .from(records)
    .innerJoin(people, eq(people.id, records.personId))
    .where(and(eq(records.regionCode, regionCode), eq(records.kind, kind)))
    .orderBy(desc(records.createdAt), desc(records.seq))
    .limit(limit)
    .offset(offset);
}
