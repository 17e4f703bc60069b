import { cadresNamed, endPauseStatement, pauseOf, setPauseStatement } from '../../../db/repo/load.js';
import { mayUse, rolesCovering } from '../../../domain/access.js';
import { pauseMsg } from '../../../domain/load-messages.js';
import { msg } from '../../../domain/messages.js';
import { MAX_PAUSE_DAYS, parsePause } from '../../../domain/pause.js';
import type { OutMessage, RoleName } from '../../../domain/types.js';
import { civilDateOf, dateKey } from '../../../domain/zoned-time.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { personalMessages, reachOf } from '../../engine/scheduler/recipients.js';

/** Who may pause or resume a cadre other than themself: their leader, or a station over them. */
const FOR_OTHERS: ReadonlySet<RoleName> = new Set(['leader', 'admin', 'county_station', 'township_station']);

type Target = { ok: true; person: { id: string; name: string }; self: boolean } | { ok: false; plan: Plan };

async function targetOf(ctx: HandlerContext, name: string | null, command: 'pause' | 'resume'): Promise<Target> {
  const me = ctx.actor.person;
  if (!mayUse(command, ctx.actor.roles)) return { ok: false, plan: replyPlan(ctx, msg.forbidden(command)) };
  if (!name || (me && name === me.name)) {
    if (!me || !ctx.actor.roles.some((r) => r.role === 'cadre')) return { ok: false, plan: replyPlan(ctx, pauseMsg.usage) };
    return { ok: true, person: { id: me.id, name: me.name }, self: true };
  }
  if (!ctx.actor.roles.some((r) => FOR_OTHERS.has(r.role))) return { ok: false, plan: replyPlan(ctx, pauseMsg.onlyOwn) };
  // A leader's scope is their village; a station's its area. A name outside it is "not found",
  // which says nothing about people elsewhere.
  const found = (await cadresNamed(ctx.db, name)).filter((c) => rolesCovering(ctx.actor.roles, c).some((r) => FOR_OTHERS.has(r)));
  const here = ctx.region?.level === 'village' ? found.filter((c) => c.village === ctx.region!.code) : [];
  const chosen = here.length === 1 ? here : found;
  if (chosen.length === 0) return { ok: false, plan: replyPlan(ctx, pauseMsg.notFound(name)) };
  if (chosen.length > 1) return { ok: false, plan: replyPlan(ctx, pauseMsg.ambiguous(name)) };
  return { ok: true, person: { id: chosen[0]!.id, name: chosen[0]!.name }, self: false };
}

/** Tells a cadre in private that someone else paused or resumed them; never in a group. */
async function tellInPrivate(ctx: HandlerContext, person: { id: string; name: string }, text: string): Promise<OutMessage[]> {
  const people = [person];
  return personalMessages(people, await reachOf(ctx.db, people), () => text, (t) => `pause:${ctx.event.platform}:${ctx.event.eventId}:${t.platform}:${t.chatId}`, [], () => '');
}

/** /pause 暂停 [姓名] 至 <日期> [理由] */
export const pauseCommand: CommandHandler = async (ctx, args) => {
  const today = civilDateOf(ctx.now, ctx.timeZone);
  const req = parsePause(args, today);
  if (!req.ok) {
    if (req.error === 'bad-date') return replyPlan(ctx, pauseMsg.badDate);
    if (req.error === 'past') return replyPlan(ctx, pauseMsg.past);
    if (req.error === 'too-far') return replyPlan(ctx, pauseMsg.tooFar(MAX_PAUSE_DAYS));
    return replyPlan(ctx, pauseMsg.usage);
  }
  const target = await targetOf(ctx, req.name, 'pause');
  if (!target.ok) return target.plan;
  const until = dateKey(req.until);
  const by = ctx.actor.person?.name ?? ctx.event.sender.displayName;
  // The reason stays out of group chats: it is often personal (illness, family).
  const shownReason = ctx.event.chat.type === 'private' ? req.reason : null;
  return {
    statements: [
      setPauseStatement(ctx.db, { personId: target.person.id, until, reason: req.reason, setBy: ctx.actor.person?.id ?? `${ctx.event.platform}:${ctx.event.sender.userId}`, setAt: ctx.now.getTime() }),
    ],
    messages: [
      reply(ctx, pauseMsg.paused(target.person.name, until, shownReason)),
      ...(target.self ? [] : await tellInPrivate(ctx, target.person, pauseMsg.pausedFor(target.person.name, until, by))),
    ],
  };
};

/** /resume 恢复 [姓名] */
export const resumeCommand: CommandHandler = async (ctx, args) => {
  const target = await targetOf(ctx, args.trim() || null, 'resume');
  if (!target.ok) return target.plan;
  const today = dateKey(civilDateOf(ctx.now, ctx.timeZone));
  if (!(await pauseOf(ctx.db, target.person.id, today))) return replyPlan(ctx, pauseMsg.notPaused(target.person.name));
  return {
    statements: [endPauseStatement(ctx.db, target.person.id)],
    messages: [reply(ctx, pauseMsg.resumed(target.person.name))],
  };
};
