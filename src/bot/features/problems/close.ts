import { chatsForRegion } from '../../../db/repo/chats.js';
import { closeStatement } from '../../../db/repo/problems.js';
import { setStatusStatement } from '../../../db/repo/suggestions.js';
import type { Statement } from '../../../db/store.js';
import { mayUse } from '../../../domain/access.js';
import { msg } from '../../../domain/messages.js';
import { parseProblemRef, px, WORKING_STATUSES } from '../../../domain/problems/index.js';
import type { OutMessage } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext } from '../../engine/context.js';
import { targetOf } from '../../engine/scheduler/recipients.js';
import { historyStatement } from '../suggestions/workflow.js';
import { brief, problemBySeq, tellPrivately, type Problem } from './common.js';

/**
 * What closing a problem writes and tells, whether by 办结 or by the owner's deed: 已办结 with
 * the history row, the raiser asked in private to confirm, and a public line in the village's
 * group chats (names only: who handled it). The chat it was closed in hears the reply instead.
 */
export async function closing(ctx: HandlerContext, p: Problem, how: string, deedId: string | null): Promise<{ statements: Statement[]; messages: OutMessage[] }> {
  const at = ctx.now.getTime();
  const seq = p.record.seq;
  const owner = p.owner?.name ?? ctx.actor.person?.name ?? ctx.event.sender.displayName;
  const statements: Statement[] = [
    setStatusStatement(ctx.db, p.record.id, 'resolved', at),
    closeStatement(ctx.db, p.record.id, at, how, deedId),
    ...(await historyStatement(ctx, p.record.id, { action: 'close', fromStatus: p.record.status, toStatus: 'resolved', relatedRecordId: deedId, comment: how })),
  ];
  const messages: OutMessage[] = [];
  if (p.raiser) {
    messages.push(...(await tellPrivately(ctx, p.raiser, `close:${seq}`, px.toRaiser({ seq, village: p.village.fullName, text: brief(p.record.text), owner, how }))));
  }
  const here = ctx.event.chat;
  for (const chat of await chatsForRegion(ctx.db, p.village.code, 'village')) {
    if (chat.platform === here.platform && chat.chatId === here.chatId) continue;
    const to = targetOf(chat);
    messages.push({ to, text: px.villageNotice({ seq, text: brief(p.record.text), owner, how }), key: `problem-closed:${p.record.id}:${at}:${to.platform}:${to.chatId}` });
  }
  return { statements, messages };
}

/** /close 办结 问题#N <办理情况>: only the owner the problem was assigned to. */
export const closeCommand: CommandHandler = async (ctx, args) => {
  if (!mayUse('close', ctx.actor.roles) || !ctx.actor.person) return replyPlan(ctx, msg.forbidden('close'));
  const ref = parseProblemRef(args);
  if (!ref?.rest) return replyPlan(ctx, px.closeUsage);
  const p = await problemBySeq(ctx, ref.seq);
  if (!p) return replyPlan(ctx, px.notFound(ref.seq));
  if (!p.kase || !p.owner) return replyPlan(ctx, px.notAssignedYet(ref.seq));
  if (p.owner.id !== ctx.actor.person.id) return replyPlan(ctx, px.notOwner(ref.seq, p.owner.name));
  if (!WORKING_STATUSES.includes(p.record.status)) return replyPlan(ctx, px.notWorking(ref.seq, p.record.status));
  const done = await closing(ctx, p, ref.rest, null);
  return { statements: done.statements, messages: [reply(ctx, px.closed(ref.seq, p.raiser?.name ?? '反映人')), ...done.messages] };
};
