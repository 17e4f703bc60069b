import { and, eq, getTableColumns, is, notExists, sql, type SQL } from 'drizzle-orm';
import { alias, getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { PersonRow } from '../../../db/repo/people.js';
import * as schema from '../../../db/schema/index.js';
import { people, personMerges } from '../../../db/schema/index.js';
import type { Db, Statement } from '../../../db/store.js';

const PERSON_COLUMN = 'person_id';

interface PersonTable {
  table: SQLiteTable;
  /** Property key of the person column on the drizzle table object. */
  personKey: string;
  /** For each primary key or unique index holding the person column: property keys of the others. */
  peerKeys: string[][];
}

/**
 * Every table with a person_id column, read from the schema rather than listed by hand: tables
 * added later (attendance, votes, nudges, …) follow a merge without anyone remembering to.
 */
function personTables(): PersonTable[] {
  const out: PersonTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    const keyOf = new Map<string, string>(Object.entries(getTableColumns(value)).map(([key, col]) => [col.name, key]));
    const personKey = keyOf.get(PERSON_COLUMN);
    if (!personKey) continue;
    const keySets: string[][] = [
      ...config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
      ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
      ...config.indexes.filter((i) => i.config.unique).map((i) => i.config.columns.map((c) => (c as SQLiteColumn).name)),
      ...config.columns.filter((c) => c.primary || c.isUnique).map((c) => [c.name]),
    ];
    const peerKeys = keySets
      .filter((names) => names.includes(PERSON_COLUMN))
      .map((names) => names.filter((n) => n !== PERSON_COLUMN).map((n) => keyOf.get(n)!));
    out.push({ table: value, personKey, peerKeys });
  }
  return out;
}

type Columns = Record<string, SQLiteColumn>;

/**
 * Statements that fold person `from` into person `into`: every row naming `from` is moved to
 * `into`, except rows `into` already has under the same key (the same role, the same meeting's
 * sign-in), which are dropped as duplicates. Then `from` is deleted, so counts see one person.
 * Built, not run: the caller commits them with the identity link in one atomic write.
 */
export function mergePersonStatements(db: Db, from: PersonRow, into: PersonRow, at: number): Statement[] {
  const statements: Statement[] = [];
  for (const { table, personKey, peerKeys } of personTables()) {
    const cols = table as unknown as Columns;
    const conditions: SQL[] = [eq(cols[personKey]!, from.id)];
    peerKeys.forEach((keys, i) => {
      const peer = alias(table, `merge_peer_${i}`) as unknown as Columns & SQLiteTable;
      const same = keys.map((k) => eq(peer[k]!, cols[k]!));
      conditions.push(notExists(db.select({ one: sql`1` }).from(peer).where(and(eq(peer[personKey]!, into.id), ...same))));
    });
    statements.push(db.update(table).set({ [personKey]: into.id }).where(and(...conditions)) as unknown as Statement);
    if (peerKeys.length > 0) statements.push(db.delete(table).where(eq(cols[personKey]!, from.id)) as unknown as Statement);
  }
  // Roster facts the surviving person lacks are taken over, so nothing known about them is lost.
  statements.push(
    db
      .update(people)
      .set({
        phone: into.phone ?? from.phone,
        workUnit: into.workUnit ?? from.workUnit,
        homeRegion: into.homeRegion ?? from.homeRegion,
        onRoster: into.onRoster || from.onRoster ? 1 : 0,
      })
      .where(eq(people.id, into.id)),
  );
  statements.push(db.delete(people).where(eq(people.id, from.id)));
  statements.push(db.insert(personMerges).values({ fromPersonId: from.id, intoPersonId: into.id, mergedAt: at }));
  return statements;
}
