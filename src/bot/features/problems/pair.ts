import { pairedWith, pairingsUnder, pairStatement, rolesOfPeopleNamed, unpairStatement } from '../../../db/repo/problems.js';
import { findRegions } from '../../../db/repo/regions.js';
import { isWithin, mayUse, mayUseIn } from '../../../domain/access.js';
import type { CommandName } from '../../../domain/commands.js';
import { msg } from '../../../domain/messages.js';
import { cleanName } from '../../../domain/normalise.js';
import { px } from '../../../domain/problems/index.js';
import type { Region } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import type { Person } from '../../engine/scheduler/recipients.js';
import { actorLabel } from '../core/where.js';
import { actorName } from '../suggestions/workflow.js';
import { tellPrivately } from './common.js';

type Pick = { ok: true; village: Region; person: Person } | { ok: false; plan: Plan };

/**
 * 「<村> <姓名>」: a village the sender's station covers (or any, for the task force) and a staff
 * member of a township or county station over that village.
 */
async function villageAndStaff(ctx: HandlerContext, command: CommandName, args: string): Promise<Pick> {
  const refuse = (text: string): Pick => ({ ok: false, plan: replyPlan(ctx, text) });
  if (!mayUse(command, ctx.actor.roles)) return refuse(msg.forbidden(command));
  const words = args.trim().split(/\s+/u).filter(Boolean);
  if (words.length !== 2) return refuse(px.pairUsage);
  const [place, rawName] = words as [string, string];
  const villages = (await findRegions(ctx.db, place, 50)).filter((r) => r.level === 'village');
  if (villages.length === 0) return refuse(px.noVillage(place));
  const allowed = villages.filter((v) => mayUseIn(command, ctx.actor.roles, v));
  if (allowed.length === 0) return refuse(msg.outOfScope(villages[0]!.fullName));
  if (allowed.length > 1) return refuse(px.villageAmbiguous(place, allowed.map((v) => v.fullName)));
  const village = allowed[0]!;
  const name = cleanName(rawName);
  const staff = new Map<string, Person>();
  for (const r of await rolesOfPeopleNamed(ctx.db, name)) {
    if ((r.role === 'township_station' || r.role === 'county_station') && isWithin(village.path, r.path)) staff.set(r.id, { id: r.id, name: r.name });
  }
  if (staff.size === 0) return refuse(px.pairPersonNotFound(name, village.fullName));
  if (staff.size > 1) return refuse(px.pairPersonAmbiguous(name));
  return { ok: true, village, person: [...staff.values()][0]! };
}

/** 「挂包」 alone: how to write it, and who is paired where in the sender's area. */
async function pairsInArea(ctx: HandlerContext): Promise<Plan> {
  const grants = ctx.actor.roles.filter((r) => r.role === 'admin' || r.role === 'county_station' || r.role === 'township_station');
  const paths = grants.some((r) => r.role === 'admin') ? [''] : [...new Set(grants.map((r) => r.regionPath))];
  const seen = new Map<string, { village: string; names: string[] }>();
  for (const path of paths) {
    for (const p of await pairingsUnder(ctx.db, path)) {
      const v = seen.get(p.regionCode) ?? { village: p.village, names: [] };
      if (!v.names.includes(p.name)) v.names.push(p.name);
      seen.set(p.regionCode, v);
    }
  }
  return replyPlan(ctx, `${px.pairUsage}\n${px.pairsLine([...seen.values()])}`);
}

/** /pair 挂包 <村> <姓名>: a station inside its area, or the task force. */
export const pairCommand: CommandHandler = async (ctx, args) => {
  if (!args.trim() && mayUse('pair', ctx.actor.roles)) return pairsInArea(ctx);
  const pick = await villageAndStaff(ctx, 'pair', args);
  if (!pick.ok) return pick.plan;
  const { village, person } = pick;
  if ((await pairedWith(ctx.db, village.code)).some((p) => p.id === person.id)) return replyPlan(ctx, px.alreadyPaired(village.fullName, person.name));
  return {
    statements: [pairStatement(ctx.db, { regionCode: village.code, personId: person.id, pairedBy: actorLabel(ctx), pairedAt: ctx.now.getTime() })],
    messages: [reply(ctx, px.paired(village.fullName, person.name)), ...(await tellPrivately(ctx, person, `pair:${village.code}`, px.toPaired(village.fullName, actorName(ctx))))],
  };
};

/** /unpair 取消挂包 <村> <姓名> */
export const unpairCommand: CommandHandler = async (ctx, args) => {
  const pick = await villageAndStaff(ctx, 'unpair', args);
  if (!pick.ok) return pick.plan;
  const { village, person } = pick;
  if (!(await pairedWith(ctx.db, village.code)).some((p) => p.id === person.id)) return replyPlan(ctx, px.notPaired(village.fullName, person.name));
  return { statements: [unpairStatement(ctx.db, village.code, person.id)], messages: [reply(ctx, px.unpaired(village.fullName, person.name))] };
};
