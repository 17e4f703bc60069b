import { assignStatement, rolesOfPeopleNamed } from '../../../db/repo/problems.js';
import { setStatusStatement } from '../../../db/repo/suggestions.js';
import { isWithin, mayUse } from '../../../domain/access.js';
import { msg } from '../../../domain/messages.js';
import { cleanName } from '../../../domain/normalise.js';
import { ASSIGNABLE_STATUSES, parseDeadline, parseProblemRef, px } from '../../../domain/problems/index.js';
import type { Region, RoleName } from '../../../domain/types.js';
import { civilDateOf } from '../../../domain/zoned-time.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext } from '../../engine/context.js';
import type { Person } from '../../engine/scheduler/recipients.js';
import { actorLabel } from '../core/where.js';
import { actorName, historyStatement, inScope } from '../suggestions/workflow.js';
import { brief, problemBySeq, tellPrivately } from './common.js';

const VILLAGE_ROLES: ReadonlySet<RoleName> = new Set(['cadre', 'leader', 'council']);
const STATION_ROLES: ReadonlySet<RoleName> = new Set(['township_station', 'county_station']);

/**
 * Who of this name can handle a village's problem: someone of the village (cadre, leader,
 * council member) or staff of a station over it. Anyone else is "not found", which says nothing
 * about people elsewhere.
 */
export async function ownersNamed(ctx: HandlerContext, name: string, village: Region): Promise<Person[]> {
  const found = new Map<string, Person>();
  for (const r of await rolesOfPeopleNamed(ctx.db, name)) {
    const fits = (VILLAGE_ROLES.has(r.role) && r.path === village.path) || (STATION_ROLES.has(r.role) && isWithin(village.path, r.path));
    if (fits) found.set(r.id, { id: r.id, name: r.name });
  }
  return [...found.values()];
}

/** /assign 交办 问题#N <姓名> [期限]: a leader of the village or a station over it. */
export const assignCommand: CommandHandler = async (ctx, args) => {
  if (!mayUse('assign', ctx.actor.roles)) return replyPlan(ctx, msg.forbidden('assign'));
  const ref = parseProblemRef(args);
  if (!ref?.rest) return replyPlan(ctx, px.assignUsage);
  const [rawName, ...rest] = ref.rest.split(/\s+/u);
  const name = cleanName((rawName ?? '').replace(/^给/u, ''));
  if (!name) return replyPlan(ctx, px.assignUsage);
  let deadline: string | null = null;
  if (rest.length) {
    const parsed = parseDeadline(rest.join(''), civilDateOf(ctx.now, ctx.timeZone));
    if (!parsed.ok) return replyPlan(ctx, px.deadline[parsed.error]);
    deadline = parsed.date;
  }
  const p = await problemBySeq(ctx, ref.seq);
  if (!p) return replyPlan(ctx, px.notFound(ref.seq));
  const scope = inScope(ctx, 'assign', p.village);
  if (!scope.ok) return scope.plan;
  if (!ASSIGNABLE_STATUSES.includes(p.record.status)) return replyPlan(ctx, px.notAssignable(ref.seq, p.record.status));
  const owners = await ownersNamed(ctx, name, p.village);
  if (owners.length === 0) return replyPlan(ctx, px.ownerNotFound(name, p.village.fullName));
  if (owners.length > 1) return replyPlan(ctx, px.ownerAmbiguous(name));
  const owner = owners[0]!;
  const at = ctx.now.getTime();
  const told = await tellPrivately(ctx, owner, `assign:${ref.seq}`, px.toOwner({ seq: ref.seq, village: p.village.fullName, text: brief(p.record.text, 80), by: actorName(ctx), deadline }));
  const self = ctx.actor.person?.id === owner.id;
  const lines = [px.assigned(ref.seq, p.village.fullName, owner.name, deadline, p.owner?.name ?? null), ...(told.length || self ? [] : [px.ownerUnreached(owner.name)])];
  return {
    statements: [
      assignStatement(ctx.db, { recordId: p.record.id, ownerId: owner.id, deadline, assignedBy: actorLabel(ctx), assignedAt: at }),
      setStatusStatement(ctx.db, p.record.id, 'assigned', at),
      ...(await historyStatement(ctx, p.record.id, {
        action: 'assign',
        fromStatus: p.record.status,
        toStatus: 'assigned',
        comment: `${owner.name}${deadline ? ` 期限 ${deadline}` : ''}`,
      })),
    ],
    messages: [reply(ctx, lines.join('\n')), ...told],
  };
};
