import { and, asc, count, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { RecordKind } from '../../domain/types.js';
import { people, recordHistory, recordLinks, records, recordSeconds } from '../schema/index.js';
import { perDb } from '../prepared.js';
import type { Db, Statement } from '../store.js';
import { inChunks } from './chunks.js';
import { recordWithAuthor } from './records.js';

export type HistoryRow = typeof recordHistory.$inferSelect;

/** Earlier suggestions of a village worth comparing a new one with (merged ones point elsewhere). */
export async function comparableSuggestions(db: Db, regionCode: string) {
  const query = perDb(db, 'comparable-suggestions', () =>
    db
      .select({ id: records.id, seq: records.seq, text: records.text, status: records.status })
      .from(records)
      .where(and(eq(records.regionCode, sql.placeholder('regionCode')), eq(records.kind, 'suggestion'), ne(records.status, 'merged')))
      // Sorting the village's few rows beats reading them in number order: the (kind, seq) index
      // would walk every suggestion of every village (a province has hundreds of thousands).
      .orderBy(sql`+${records.seq}`)
      .prepare(),
  );
  return query.all({ regionCode });
}

/** Next history version of a record; the unique (record, version) index catches two at once. */
export async function nextHistoryVersion(db: Db, recordId: string): Promise<number> {
  const rows = await db.select({ m: max(recordHistory.version) }).from(recordHistory).where(eq(recordHistory.recordId, recordId));
  return (rows[0]?.m ?? 0) + 1;
}

export function insertHistoryStatement(db: Db, row: typeof recordHistory.$inferInsert): Statement {
  return db.insert(recordHistory).values(row);
}

export function setStatusStatement(db: Db, recordId: string, status: string, at: number): Statement {
  return db.update(records).set({ status, updatedAt: at }).where(eq(records.id, recordId));
}

export function setCategoryStatement(db: Db, recordId: string, category: string, at: number): Statement {
  return db.update(records).set({ category, updatedAt: at }).where(eq(records.id, recordId));
}

export async function historyOf(db: Db, recordId: string): Promise<HistoryRow[]> {
  return db.select().from(recordHistory).where(eq(recordHistory.recordId, recordId)).orderBy(asc(recordHistory.version));
}

/** The latest decision (not a tag edit) on each record: who reviewed, when and why. */
export async function latestDecisions(db: Db, recordIds: readonly string[]): Promise<Map<string, HistoryRow>> {
  const out = new Map<string, HistoryRow>();
  if (recordIds.length === 0) return out;
  // Each record falls in one slice, so its versions stay in order.
  const rows = await inChunks(recordIds, (slice) =>
    db
      .select()
      .from(recordHistory)
      .where(and(inArray(recordHistory.recordId, slice), ne(recordHistory.action, 'tag')))
      .orderBy(asc(recordHistory.recordId), asc(recordHistory.version)),
  );
  for (const r of rows) out.set(r.recordId, r);
  return out;
}

export function secondStatement(db: Db, row: typeof recordSeconds.$inferInsert): Statement {
  return db.insert(recordSeconds).values(row).onConflictDoNothing();
}

export async function hasSeconded(db: Db, recordId: string, personId: string): Promise<boolean> {
  const rows = await db
    .select({ n: count() })
    .from(recordSeconds)
    .where(and(eq(recordSeconds.recordId, recordId), eq(recordSeconds.personId, personId)));
  return (rows[0]?.n ?? 0) > 0;
}

export async function secondCounts(db: Db, recordIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (recordIds.length === 0) return out;
  const rows = await inChunks(recordIds, (slice) =>
    db.select({ id: recordSeconds.recordId, n: count() }).from(recordSeconds).where(inArray(recordSeconds.recordId, slice)).groupBy(recordSeconds.recordId),
  );
  for (const r of rows) out.set(r.id, r.n);
  return out;
}

export async function secondersOf(db: Db, recordId: string): Promise<string[]> {
  const rows = await db.select({ p: recordSeconds.personId }).from(recordSeconds).where(eq(recordSeconds.recordId, recordId));
  return rows.map((r) => r.p);
}

export function linkStatement(db: Db, fromRecordId: string, toRecordId: string, at: number): Statement {
  return db.insert(recordLinks).values({ fromRecordId, toRecordId, at }).onConflictDoNothing();
}

export interface LinkView {
  fromId: string;
  fromKind: RecordKind;
  fromSeq: number;
  toId: string;
  toKind: RecordKind;
  toSeq: number;
}

/** Links touching any of the records, in either direction, with both ends' numbers. */
export async function linksOf(db: Db, recordIds: readonly string[]): Promise<LinkView[]> {
  if (recordIds.length === 0) return [];
  const ids = [...recordIds];
  const ends = await inChunks(ids, async (slice) =>
    (await db.select({ from: recordLinks.fromRecordId, to: recordLinks.toRecordId }).from(recordLinks).where(inArray(recordLinks.fromRecordId, slice))).concat(
      await db.select({ from: recordLinks.fromRecordId, to: recordLinks.toRecordId }).from(recordLinks).where(inArray(recordLinks.toRecordId, slice)),
    ),
  );
  if (ends.length === 0) return [];
  const all = [...new Set(ends.flatMap((e) => [e.from, e.to]))];
  const rows = await inChunks(all, (slice) => db.select({ id: records.id, kind: records.kind, seq: records.seq }).from(records).where(inArray(records.id, slice)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: LinkView[] = [];
  for (const e of ends) {
    const k = `${e.from}>${e.to}`;
    const f = byId.get(e.from);
    const t = byId.get(e.to);
    if (seen.has(k) || !f || !t) continue;
    seen.add(k);
    out.push({ fromId: f.id, fromKind: f.kind, fromSeq: f.seq, toId: t.id, toKind: t.kind, toSeq: t.seq });
  }
  return out;
}

export async function statusCounts(db: Db, regionCode: string, kind: RecordKind): Promise<Map<string, number>> {
  const rows = await db
    .select({ status: records.status, n: count() })
    .from(records)
    .where(and(eq(records.regionCode, regionCode), eq(records.kind, kind)))
    .groupBy(records.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Adopted (and already forwarded) suggestions of a village, oldest first, for the forwarding document. */
export async function adoptedSuggestions(db: Db, regionCode: string) {
  return db
    .select({ ...recordWithAuthor, workUnit: sql<string | null>`case when ${records.anonymous} = 1 then null else ${people.workUnit} end` })
    .from(records)
    .innerJoin(people, eq(people.id, records.personId))
    .where(and(eq(records.regionCode, regionCode), eq(records.kind, 'suggestion'), inArray(records.status, ['adopted', 'forwarded'])))
    .orderBy(asc(records.seq));
}

export async function getRecordById(db: Db, id: string) {
  const rows = await db.select().from(records).where(eq(records.id, id)).limit(1);
  return rows[0] ?? null;
}
