import { getRegion } from '../../../db/repo/regions.js';
import { msg } from '../../../domain/messages.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';
import { progressOf } from './five-ones.js';

export const me: CommandHandler = async (ctx) => {
  const person = ctx.actor.person;
  const cadre = ctx.actor.roles.find((r) => r.role === 'cadre');
  if (!person || !cadre) return replyPlan(ctx, msg.notCadre);
  const village = await getRegion(ctx.db, cadre.regionCode);
  const progress = await progressOf(ctx.db, person.id, ctx.now.getTime());
  return { ...replyPlan(ctx, msg.fiveOnesCard(person.name, village?.fullName ?? '', progress), { title: '我的五个一' }), activity: true };
};
