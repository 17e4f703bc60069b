import { getRegion } from '../../../db/repo/regions.js';
import { mayUseIn } from '../../../domain/access.js';
import type { CommandName } from '../../../domain/commands.js';
import { msg } from '../../../domain/messages.js';
import type { Region } from '../../../domain/types.js';
import { replyPlan, type HandlerContext, type Plan } from '../../engine/context.js';

export type Resolved<T> = { ok: true; value: T } | { ok: false; plan: Plan };

const refuse = (ctx: HandlerContext, text: string): Resolved<never> => ({ ok: false, plan: replyPlan(ctx, text) });

/**
 * The village a cadre's record belongs to: the bound village of a group, or in private the
 * cadre's own village. Refuses (with a reply) when the chat or the sender does not fit.
 */
export async function cadreVillage(ctx: HandlerContext): Promise<Resolved<Region>> {
  const cadreRoles = ctx.actor.roles.filter((r) => r.role === 'cadre');
  if (ctx.event.chat.type === 'private' && !ctx.region) {
    const home = cadreRoles[0];
    if (!home || !ctx.actor.person) return refuse(ctx, msg.notCadre);
    const village = await getRegion(ctx.db, home.regionCode);
    return village ? { ok: true, value: village } : refuse(ctx, msg.notCadre);
  }
  if (!ctx.region || !ctx.chat?.purpose) return refuse(ctx, msg.notBound);
  if (ctx.region.level !== 'village' || (ctx.chat.purpose !== 'village' && ctx.chat.purpose !== 'council')) {
    return refuse(ctx, msg.notVillageChat);
  }
  if (!ctx.actor.person || cadreRoles.length === 0) return refuse(ctx, msg.notCadre);
  if (!cadreRoles.some((r) => r.regionCode === ctx.region!.code)) {
    const home = await getRegion(ctx.db, cadreRoles[0]!.regionCode);
    return refuse(ctx, msg.notCadreHere(home?.fullName ?? '您的村'));
  }
  return { ok: true, value: ctx.region };
}

/** The chat's bound region, checked against the sender's roles for this command. */
export function boundRegionFor(ctx: HandlerContext, command: CommandName): Resolved<Region> {
  if (!ctx.region) return refuse(ctx, msg.notBound);
  if (!mayUseIn(command, ctx.actor.roles, ctx.region)) return refuse(ctx, msg.forbidden(command));
  return { ok: true, value: ctx.region };
}

/** The village the chat is about: its bound village, or in private the sender's own village. */
export async function villageOfChat(ctx: HandlerContext): Promise<Resolved<Region>> {
  if (ctx.region) {
    if (ctx.region.level !== 'village') return refuse(ctx, msg.notVillageChat);
    return { ok: true, value: ctx.region };
  }
  if (ctx.event.chat.type === 'private') {
    const home = ctx.actor.roles.find((r) => r.role === 'cadre' || r.role === 'leader' || r.role === 'council');
    const village = home ? await getRegion(ctx.db, home.regionCode) : null;
    if (village && village.level === 'village') return { ok: true, value: village };
  }
  return refuse(ctx, msg.notBound);
}

export function actorLabel(ctx: HandlerContext): string {
  return ctx.actor.person?.id ?? `${ctx.event.platform}:${ctx.event.sender.userId}`;
}
