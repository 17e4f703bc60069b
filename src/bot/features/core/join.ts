import { claimFailures, clearClaimFailuresStatement, recordClaimFailureStatement } from '../../../db/repo/claim-attempts.js';
import { grantRoleStatement, identitiesForPeople, rolesOf, rosterByDirectory, rosterByName, type PersonRow } from '../../../db/repo/people.js';
import type { Statement } from '../../../db/store.js';
import { claimableRoles, directoryContradicts, directoryMatch, MAX_TAIL_FAILURES, nationalMobile, TAIL_WINDOW_MS, type DirectoryEntry, type MatchedBy } from '../../../domain/identity/claims.js';
import { claimMsg, type ClaimWhy } from '../../../domain/identity/messages.js';
import { msg } from '../../../domain/messages.js';
import { cleanName } from '../../../domain/normalise.js';
import type { OutMessage, Region } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { linkSenderStatement, requestPlan, senderLabel, stationTargets } from '../identity/claim-requests.js';

export function parseJoinArgs(args: string): { name: string; phone4: string | null } | { error: string } {
  const words = args.split(/\s+/u).filter(Boolean);
  if (words.length === 0) return { error: msg.joinUsage };
  let phone4: string | null = null;
  const last = words[words.length - 1]!;
  if (/^\d+$/u.test(last)) {
    if (last.length !== 4) return { error: msg.joinPhoneInvalid };
    phone4 = last;
    words.pop();
  }
  const name = cleanName(words.join(''));
  if (!name || Array.from(name).length > 20 || /\d/u.test(name)) return { error: msg.joinUsage };
  return { name, phone4 };
}

const senderSubject = (ctx: HandlerContext) => `${ctx.event.platform}:${ctx.event.sender.userId}`;
const personSubject = (id: string) => `person:${id}`;

/**
 * /join (登记): claim a roster entry. The organisation's directory decides where the platform has
 * one; elsewhere the phone tail gives the cadre role only, and anything it cannot prove becomes a
 * request a leader or the township station decides.
 */
export const join: CommandHandler = async (ctx, args) => {
  const village = ctx.region;
  if (!village || !ctx.chat?.purpose) return replyPlan(ctx, ctx.event.chat.type === 'private' ? msg.notVillageChat : msg.notBound);
  if (village.level !== 'village' || ctx.chat.purpose !== 'village') return replyPlan(ctx, msg.notVillageChat);
  if (ctx.event.sender.anonymous) return replyPlan(ctx, claimMsg.anonymous);
  const parsed = parseJoinArgs(args);
  if ('error' in parsed) return replyPlan(ctx, parsed.error);
  const { name, phone4 } = parsed;

  const me = ctx.actor.person;
  if (me && ctx.actor.roles.some((r) => r.role === 'cadre' && r.regionCode === village.code)) {
    return replyPlan(ctx, msg.alreadyJoined(me.name, village.fullName));
  }

  const entry = ctx.directory ? await ctx.directory(ctx.event.sender.userId) : null;
  if (entry) {
    const found = (await rosterByDirectory(ctx.db, nationalMobile(entry.mobile), entry.employeeNo))
      .map((p) => ({ person: p, how: directoryMatch(entry, p) }))
      .filter((m): m is { person: PersonRow; how: MatchedBy } => m.how !== null);
    if (found.length === 1) return claimByDirectory(ctx, village, found[0]!.person, found[0]!.how);
  }

  const byName = await rosterByName(ctx.db, village.code, name);
  if (byName.length === 0) return requestPlan(ctx, village, { name, phone4, personId: null, why: null });
  if (!phone4) {
    if (byName.length > 1) return replyPlan(ctx, msg.joinAmbiguous(name));
    return claimWithoutProof(ctx, village, byName[0]!, name, phone4, 'no-tail');
  }
  return claimByTail(ctx, village, byName, name, phone4, entry);
};

async function claimByDirectory(ctx: HandlerContext, village: Region, person: PersonRow, how: MatchedBy): Promise<Plan> {
  if (await heldByAnother(ctx, person)) return requestPlan(ctx, village, { name: person.name, phone4: null, personId: person.id, why: 'held' });
  const statements: Statement[] = [linkSenderStatement(ctx, person.id, how)];
  if (person.homeRegion !== village.code) {
    const roles = (await rolesOf(ctx.db, person.id)).map((r) => r.role);
    return { statements, messages: [reply(ctx, claimMsg.directoryKnown(person.name, roles))] };
  }
  statements.push(grantRoleStatement(ctx.db, person.id, 'cadre', village.code, ctx.now.getTime()));
  return { statements, messages: [reply(ctx, claimMsg.directoryJoined(person.name, village.fullName))] };
}

async function claimByTail(
  ctx: HandlerContext,
  village: Region,
  byName: PersonRow[],
  name: string,
  phone4: string,
  entry: DirectoryEntry | null,
): Promise<Plan> {
  const now = ctx.now.getTime();
  const subjects = [senderSubject(ctx), ...byName.map((p) => personSubject(p.id))];
  const failures = await claimFailures(ctx.db, subjects, now - TAIL_WINDOW_MS);
  const worst = Math.max(0, ...subjects.map((s) => failures.get(s) ?? 0));
  const matches = byName.filter((p) => (p.phone ?? '').endsWith(phone4));
  // Past the limit even a right tail proves nothing: it may be the thousandth guess.
  if (worst >= MAX_TAIL_FAILURES) {
    const target = matches.length === 1 ? matches[0]! : byName.length === 1 ? byName[0]! : null;
    return claimWithoutProof(ctx, village, target, name, phone4, 'limited');
  }
  if (matches.length === 0) return tailMismatch(ctx, village, byName, name, subjects, failures, worst);
  if (matches.length > 1) return replyPlan(ctx, msg.joinAmbiguous(name));
  const person = matches[0]!;
  if (own(ctx) && own(ctx) !== person.id) return replyPlan(ctx, msg.alreadyJoined(ctx.actor.person!.name, village.fullName));
  if (directoryContradicts(entry, person)) return claimWithoutProof(ctx, village, person, name, phone4, 'directory');
  if (await heldByAnother(ctx, person)) return claimWithoutProof(ctx, village, person, name, phone4, 'held');
  const roles = (await rolesOf(ctx.db, person.id)).map((r) => r.role);
  if (!claimableRoles(roles)) return claimWithoutProof(ctx, village, person, name, phone4, 'roles');

  const messages: OutMessage[] = [reply(ctx, msg.joined(person.name, village.fullName))];
  for (const to of await stationTargets(ctx, village)) messages.push({ to, text: claimMsg.tailClaimed(village.fullName, person.name, senderLabel(ctx)) });
  return {
    statements: [
      linkSenderStatement(ctx, person.id, 'phone_tail'),
      grantRoleStatement(ctx.db, person.id, 'cadre', village.code, now),
      clearClaimFailuresStatement(ctx.db, senderSubject(ctx)),
      clearClaimFailuresStatement(ctx.db, personSubject(person.id)),
    ],
    messages,
  };
}

/** A wrong tail counts against the sender and every entry of that name; the station hears when one runs out. */
async function tailMismatch(
  ctx: HandlerContext,
  village: Region,
  byName: PersonRow[],
  name: string,
  subjects: string[],
  failures: Map<string, number>,
  worst: number,
): Promise<Plan> {
  const now = ctx.now.getTime();
  const left = MAX_TAIL_FAILURES - worst - 1;
  const plan = replyPlan(ctx, claimMsg.tailMismatch(name, left));
  for (const s of subjects) plan.statements.push(recordClaimFailureStatement(ctx.db, s, now, TAIL_WINDOW_MS));
  const exhausted = byName.filter((p) => (failures.get(personSubject(p.id)) ?? 0) + 1 === MAX_TAIL_FAILURES);
  for (const p of exhausted) {
    for (const to of await stationTargets(ctx, village)) {
      plan.messages.push({ to, text: claimMsg.tailLimitReached(village.fullName, p.name, senderLabel(ctx)) });
    }
  }
  return plan;
}

async function claimWithoutProof(
  ctx: HandlerContext,
  village: Region,
  person: PersonRow | null,
  name: string,
  phone4: string | null,
  why: ClaimWhy,
): Promise<Plan> {
  if (own(ctx) && person && own(ctx) !== person.id) return replyPlan(ctx, msg.alreadyJoined(ctx.actor.person!.name, village.fullName));
  if (!person) return requestPlan(ctx, village, { name, phone4, personId: null, why: why === 'no-tail' ? null : why });
  // An entry with more than the cadre role is the station's to hand over, however it is asked for.
  let reason = why;
  if (why === 'no-tail' && (await heldByAnother(ctx, person))) reason = 'held';
  else if (why === 'no-tail' && !claimableRoles((await rolesOf(ctx.db, person.id)).map((r) => r.role))) reason = 'roles';
  return requestPlan(ctx, village, { name: person.name, phone4, personId: person.id, why: reason });
}

const own = (ctx: HandlerContext): string | null => ctx.actor.person?.id ?? null;

/** True when an account other than the sender's, on any platform, already stands for the person. */
async function heldByAnother(ctx: HandlerContext, person: PersonRow): Promise<boolean> {
  const { platform, sender } = ctx.event;
  return (await identitiesForPeople(ctx.db, [person.id])).some((i) => !(i.platform === platform && i.userId === sender.userId));
}
