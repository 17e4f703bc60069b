import { getChat } from '../../../db/repo/chats.js';
import { getRegion } from '../../../db/repo/regions.js';
import { ROLE_LABELS } from '../../../domain/access.js';
import { whoamiMsg } from '../../../domain/identity/messages.js';
import type { MatchedBy } from '../../../domain/identity/claims.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext } from '../../engine/context.js';
import { privateTarget } from '../../engine/scheduler/recipients.js';
import { platformDefinition } from '../../platforms/registry.js';

async function canWritePrivately(ctx: HandlerContext): Promise<boolean> {
  const { platform, sender } = ctx.event;
  if (ctx.actor.identity?.unreachableAt) return false;
  if (!platformDefinition(platform)?.privateChatNeedsStart) return true;
  const chat = await getChat(ctx.db, platform, privateTarget(platform, sender.userId).chatId);
  return chat?.type === 'private' && chat.active === 1;
}

/**
 * /whoami (我是谁): the sender's platform, user id and who the bot takes them for, so an operator
 * can fill ADMINS. Answered only in private: ids and roles are nobody else's business.
 */
export const whoami: CommandHandler = async (ctx) => {
  const { platform, sender } = ctx.event;
  const order = Object.keys(ROLE_LABELS);
  const sorted = [...ctx.actor.roles].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.regionCode.localeCompare(b.regionCode));
  const roles = await Promise.all(
    sorted.map(async (r) => ({
      role: r.role,
      place: r.regionCode === '*' ? whoamiMsg.everywhere : ((await getRegion(ctx.db, r.regionCode))?.fullName ?? r.regionCode),
    })),
  );
  const person = ctx.actor.person ? { name: ctx.actor.person.name, matchedBy: (ctx.actor.identity?.matchedBy ?? null) as MatchedBy | null } : null;
  const text = whoamiMsg.answer(platform, platformDefinition(platform)?.label ?? platform, sender.userId, person, roles);
  if (ctx.event.chat.type === 'private') return replyPlan(ctx, text);
  if (!(await canWritePrivately(ctx))) return replyPlan(ctx, whoamiMsg.openPrivateFirst);
  return {
    statements: [],
    messages: [reply(ctx, whoamiMsg.sentPrivately), { to: privateTarget(platform, sender.userId), text }],
  };
};
