import { mayUse } from '../../../domain/access.js';
import { COMMANDS } from '../../../domain/commands.js';
import { msg, PURPOSE_LABELS } from '../../../domain/messages.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';

export const help: CommandHandler = async (ctx) => {
  const allowed = COMMANDS.filter((c) => c.name !== 'cancel' && mayUse(c.name, ctx.actor.roles));
  const context = ctx.region && ctx.chat?.purpose ? `${ctx.region.fullName} · ${PURPOSE_LABELS[ctx.chat.purpose]}` : null;
  return replyPlan(ctx, msg.help(allowed, context));
};
