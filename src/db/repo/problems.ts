import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { WORKING_STATUSES } from '../../domain/problems/lifecycle.js';
import { cleanName } from '../../domain/normalise.js';
import type { RoleName } from '../../domain/types.js';
import { pairings, people, problemCases, records, regions, roles } from '../schema/index.js';
import type { Db, Statement } from '../store.js';

export type ProblemCaseRow = typeof problemCases.$inferSelect;

/** Regions at or under a path ('' is everywhere), as an index range on `regions.path`. */
function underPath(path: string): SQL | undefined {
  if (path === '') return undefined;
  return or(eq(regions.path, path), and(gte(regions.path, `${path}/`), lt(regions.path, `${path}0`)));
}

export async function problemCaseOf(db: Db, recordId: string): Promise<ProblemCaseRow | null> {
  const rows = await db.select().from(problemCases).where(eq(problemCases.recordId, recordId)).limit(1);
  return rows[0] ?? null;
}

/** Assigning again replaces the owner and the deadline and forgets an earlier closing. */
export function assignStatement(db: Db, row: { recordId: string; ownerId: string; deadline: string | null; assignedBy: string; assignedAt: number }): Statement {
  const set = { ownerId: row.ownerId, deadline: row.deadline, assignedBy: row.assignedBy, assignedAt: row.assignedAt, closedAt: null, closeNote: null, closedByRecordId: null };
  return db
    .insert(problemCases)
    .values({ ...row, closedAt: null, closeNote: null, closedByRecordId: null })
    .onConflictDoUpdate({ target: problemCases.recordId, set });
}

export function closeStatement(db: Db, recordId: string, at: number, note: string, byRecordId: string | null): Statement {
  return db.update(problemCases).set({ closedAt: at, closeNote: note, closedByRecordId: byRecordId }).where(eq(problemCases.recordId, recordId));
}

/** The raiser's word; 不满意 also reopens (the closing is forgotten, the owner stays). */
export function verdictStatement(db: Db, recordId: string, verdict: 'satisfied' | 'mostly' | 'unsatisfied', comment: string | null, at: number): Statement {
  const reopen = verdict === 'unsatisfied' ? { closedAt: null, closedByRecordId: null } : {};
  return db.update(problemCases).set({ verdict, verdictComment: comment, verdictAt: at, ...reopen }).where(eq(problemCases.recordId, recordId));
}

/** Everyone of this name holding a role, with the path of the role's region. */
export async function rolesOfPeopleNamed(db: Db, name: string): Promise<{ id: string; name: string; role: RoleName; path: string }[]> {
  const rows = await db
    .select({ id: people.id, name: people.name, role: roles.role, path: regions.path })
    .from(people)
    .innerJoin(roles, eq(roles.personId, people.id))
    .innerJoin(regions, eq(regions.code, roles.regionCode))
    .where(eq(people.name, name));
  return rows.filter((r) => cleanName(r.name) === name);
}

export function pairStatement(db: Db, row: typeof pairings.$inferInsert): Statement {
  return db.insert(pairings).values(row).onConflictDoNothing();
}

export function unpairStatement(db: Db, regionCode: string, personId: string): Statement {
  return db.delete(pairings).where(and(eq(pairings.regionCode, regionCode), eq(pairings.personId, personId)));
}

/** Who is paired with each village at or under a path, in village order. */
export async function pairingsUnder(db: Db, path: string) {
  return db
    .select({ regionCode: pairings.regionCode, village: regions.fullName, path: regions.path, personId: people.id, name: people.name, pairedAt: pairings.pairedAt })
    .from(pairings)
    .innerJoin(regions, eq(regions.code, pairings.regionCode))
    .innerJoin(people, eq(people.id, pairings.personId))
    .where(underPath(path))
    .orderBy(asc(regions.path), asc(pairings.pairedAt), asc(people.name));
}

export async function pairedWith(db: Db, regionCode: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: people.id, name: people.name })
    .from(pairings)
    .innerJoin(people, eq(people.id, pairings.personId))
    .where(eq(pairings.regionCode, regionCode))
    .orderBy(asc(pairings.pairedAt), asc(people.name));
}

/** Every problem at or under a path with its case (owner, deadline, closing, verdict) if it has one. */
export async function problemsUnder(db: Db, path: string) {
  return db
    .select({
      id: records.id,
      seq: records.seq,
      status: records.status,
      createdAt: records.createdAt,
      regionCode: records.regionCode,
      path: regions.path,
      village: regions.fullName,
      ownerId: problemCases.ownerId,
      owner: people.name,
      deadline: problemCases.deadline,
      closedAt: problemCases.closedAt,
      verdict: problemCases.verdict,
    })
    .from(records)
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .leftJoin(problemCases, eq(problemCases.recordId, records.id))
    .leftJoin(people, eq(people.id, problemCases.ownerId))
    .where(and(eq(records.kind, 'problem'), underPath(path)))
    .orderBy(asc(records.seq));
}

/** Problems still being worked on whose deadline's last day is before `today` (YYYY-MM-DD). */
export async function overdueProblems(db: Db, today: string) {
  return db
    .select({ seq: records.seq, path: regions.path, regionCode: records.regionCode, village: regions.fullName, owner: people.name, ownerId: problemCases.ownerId, deadline: problemCases.deadline })
    .from(records)
    .innerJoin(problemCases, eq(problemCases.recordId, records.id))
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .innerJoin(people, eq(people.id, problemCases.ownerId))
    .where(and(eq(records.kind, 'problem'), inArray(records.status, [...WORKING_STATUSES]), lt(problemCases.deadline, today)))
    .orderBy(asc(problemCases.deadline), asc(records.seq));
}

/** The problem cases of these records, for the ledger. */
export async function problemCasesOf(db: Db, recordIds: readonly string[]) {
  if (recordIds.length === 0) return [];
  const out: (ProblemCaseRow & { owner: string })[] = [];
  for (let i = 0; i < recordIds.length; i += 90) {
    const rows = await db
      .select({ c: problemCases, owner: sql<string>`${people.name}` })
      .from(problemCases)
      .innerJoin(people, eq(people.id, problemCases.ownerId))
      .where(inArray(problemCases.recordId, recordIds.slice(i, i + 90)));
    out.push(...rows.map((r) => ({ ...r.c, owner: r.owner })));
  }
  return out;
}

/** Problems nobody has been assigned yet, raised before `before`, oldest first. */
export async function problemsWaitingAssignment(db: Db, before: number) {
  return db
    .select({ seq: records.seq, createdAt: records.createdAt, path: regions.path, regionCode: records.regionCode, village: regions.fullName })
    .from(records)
    .innerJoin(regions, eq(regions.code, records.regionCode))
    .where(and(eq(records.kind, 'problem'), eq(records.status, 'open'), lt(records.createdAt, before)))
    .orderBy(asc(records.createdAt), asc(records.seq));
}
