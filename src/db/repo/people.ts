import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { cleanName } from '../../domain/normalise.js';
import type { Platform, RoleGrant, RoleName } from '../../domain/types.js';
import { identities, people, regions, roles } from '../schema/index.js';
import type { Db, Statement } from '../store.js';
import { inChunks, rowSlices } from './chunks.js';

export type PersonRow = typeof people.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;

export async function getIdentity(db: Db, platform: Platform, userId: string): Promise<IdentityRow | null> {
  const rows = await db
    .select()
    .from(identities)
    .where(and(eq(identities.platform, platform), eq(identities.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function getPerson(db: Db, id: string): Promise<PersonRow | null> {
  const rows = await db.select().from(people).where(eq(people.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function rolesOf(db: Db, personId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: roles.role, regionCode: roles.regionCode, regionPath: regions.path })
    .from(roles)
    .innerJoin(regions, eq(regions.code, roles.regionCode))
    .where(eq(roles.personId, personId));
  return rows;
}

/**
 * The sender's identity, person and roles with their compiled queries, for the per-event context
 * (see prepareIsProcessed): one query for identity and person, one for the roles.
 */
export function prepareActorReads(db: Db) {
  const identityWithPerson = db
    .select({ identity: identities, person: people })
    .from(identities)
    .leftJoin(people, eq(people.id, identities.personId))
    .where(and(eq(identities.platform, sql.placeholder('platform')), eq(identities.userId, sql.placeholder('userId'))))
    .limit(1)
    .prepare();
  const rolesOfPerson = db
    .select({ role: roles.role, regionCode: roles.regionCode, regionPath: regions.path })
    .from(roles)
    .innerJoin(regions, eq(regions.code, roles.regionCode))
    .where(eq(roles.personId, sql.placeholder('personId')))
    .prepare();
  return {
    async identityAndPerson(platform: Platform, userId: string): Promise<{ identity: IdentityRow | null; person: PersonRow | null }> {
      const row = (await identityWithPerson.all({ platform, userId }))[0];
      return { identity: row?.identity ?? null, person: row?.person ?? null };
    },
    async rolesOf(personId: string): Promise<RoleGrant[]> {
      return rolesOfPerson.all({ personId });
    },
  };
}

/**
 * Roster entries of a village whose name, cleaned, is this one (several people can share a name).
 * Names stored before cleaning existed are cleaned here too, so a look-alike still matches.
 */
export async function rosterByName(db: Db, villageCode: string, name: string): Promise<PersonRow[]> {
  const rows = await db
    .select()
    .from(people)
    .where(and(eq(people.homeRegion, villageCode), eq(people.onRoster, 1)));
  return rows.filter((p) => cleanName(p.name) === name);
}

/** Roster entries the directory could mean: by employee number or by mobile (in either stored form). */
export async function rosterByDirectory(db: Db, mobile: string | null, employeeNo: string | null): Promise<PersonRow[]> {
  const conditions = [
    ...(employeeNo ? [eq(people.employeeNo, employeeNo)] : []),
    ...(mobile ? [inArray(people.phone, [mobile, `+86${mobile}`, `86${mobile}`])] : []),
  ];
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(people)
    .where(and(eq(people.onRoster, 1), or(...conditions)));
}

/** Every account of a person, on every platform. */
export function unlinkPersonStatement(db: Db, personId: string): Statement {
  return db.delete(identities).where(eq(identities.personId, personId));
}

export async function identitiesForPeople(db: Db, personIds: readonly string[], platform?: Platform): Promise<IdentityRow[]> {
  if (personIds.length === 0) return [];
  return inChunks(personIds, (slice) => {
    const cond = inArray(identities.personId, slice);
    return db.select().from(identities).where(platform ? and(cond, eq(identities.platform, platform)) : cond);
  });
}

export async function peopleWithRole(db: Db, role: RoleName, regionCode: string): Promise<PersonRow[]> {
  const rows = await db
    .select({ p: people })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.role, role), eq(roles.regionCode, regionCode)));
  return rows.map((r) => r.p);
}

export function insertPersonStatement(db: Db, row: typeof people.$inferInsert): Statement {
  return db.insert(people).values(row);
}

export function upsertPersonStatement(db: Db, row: typeof people.$inferInsert): Statement {
  const { id: _id, createdAt: _c, ...set } = row;
  return db.insert(people).values(row).onConflictDoUpdate({ target: people.id, set });
}

export function linkIdentityStatement(db: Db, row: typeof identities.$inferInsert): Statement {
  return db
    .insert(identities)
    .values(row)
    .onConflictDoUpdate({
      target: [identities.platform, identities.userId],
      set: { personId: row.personId, displayName: row.displayName, username: row.username ?? null, matchedBy: row.matchedBy ?? 'import' },
    });
}

/** Keep display names and usernames current (people rename themselves). */
export function touchIdentityStatement(db: Db, platform: Platform, userId: string, displayName: string, username: string | null): Statement {
  return db
    .update(identities)
    .set({ displayName, username })
    .where(and(eq(identities.platform, platform), eq(identities.userId, userId)));
}

/** The person wrote to the bot in private again (unblocked it): private messages work again. */
export function reachableAgainStatement(db: Db, platform: Platform, userId: string): Statement {
  return db
    .update(identities)
    .set({ unreachableAt: null })
    .where(and(eq(identities.platform, platform), eq(identities.userId, userId)));
}

/** Many people inserted or updated (by id) in few statements; same effect as upsertPersonStatement each. */
export function upsertPeopleStatements(db: Db, rows: readonly (typeof people.$inferInsert)[]): Statement[] {
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  // One statement per row spent most of a 15,000-row import building and collecting queries.
  return rowSlices(rows, 8).map((part) =>
    db
      .insert(people)
      .values(part)
      .onConflictDoUpdate({
        target: people.id,
        set: { name: excluded('name'), phone: excluded('phone'), employeeNo: excluded('employee_no'), workUnit: excluded('work_unit'), homeRegion: excluded('home_region'), onRoster: excluded('on_roster') },
      }),
  );
}

/** Many roles granted in few statements; a role already held is left as it is. */
export function grantRolesStatements(db: Db, grants: readonly { personId: string; role: RoleName; regionCode: string }[], at: number): Statement[] {
  return rowSlices(grants, 4).map((part) => db.insert(roles).values(part.map((g) => ({ ...g, grantedAt: at }))).onConflictDoNothing());
}

export function grantRoleStatement(db: Db, personId: string, role: RoleName, regionCode: string, at: number): Statement {
  return db.insert(roles).values({ personId, role, regionCode, grantedAt: at }).onConflictDoNothing();
}
