import { findRegions, setPlanningUnitStatement } from '../../../db/repo/regions.js';
import { mayUse, mayUseIn } from '../../../domain/access.js';
import { msg } from '../../../domain/messages.js';
import { sx } from '../../../domain/suggestions/messages.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';

const MAX_UNIT = 60;

/** /unit 编制单位 <village> <unit>: who the adopted suggestions of a village are forwarded to. */
export const unitCommand: CommandHandler = async (ctx, args) => {
  if (!mayUse('unit', ctx.actor.roles)) return replyPlan(ctx, msg.forbidden('unit'));
  const [place, ...rest] = args.trim().split(/\s+/u);
  const unit = rest.join(' ').trim();
  if (!place || !unit) return replyPlan(ctx, sx.unitUsage);
  if (Array.from(unit).length > MAX_UNIT) return replyPlan(ctx, sx.unitTooLong(MAX_UNIT));
  const villages = (await findRegions(ctx.db, place, 50)).filter((r) => r.level === 'village');
  if (villages.length === 0) return replyPlan(ctx, sx.unitNoVillage(place));
  const allowed = villages.filter((v) => mayUseIn('unit', ctx.actor.roles, v));
  if (allowed.length === 0) return replyPlan(ctx, msg.outOfScope(villages[0]!.fullName));
  if (allowed.length > 1) return replyPlan(ctx, sx.unitAmbiguous(place, allowed.map((v) => v.fullName)));
  const village = allowed[0]!;
  const plan = replyPlan(ctx, sx.unitSet(village.fullName, unit));
  plan.statements.push(setPlanningUnitStatement(ctx.db, village.code, unit));
  return plan;
};
