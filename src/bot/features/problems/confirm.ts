import { verdictStatement } from '../../../db/repo/problems.js';
import { setStatusStatement } from '../../../db/repo/suggestions.js';
import { mayUse } from '../../../domain/access.js';
import { msg } from '../../../domain/messages.js';
import { parseProblemRef, parseVerdict, px, VERDICT_LABELS } from '../../../domain/problems/index.js';
import { reply, replyPlan, type CommandHandler } from '../../engine/context.js';
import { historyStatement } from '../suggestions/workflow.js';
import { problemBySeq, tellPrivately } from './common.js';

/** /confirm 确认 问题#N 满意|基本满意|不满意 [意见]: whoever raised it; 不满意 reopens it. */
export const confirmCommand: CommandHandler = async (ctx, args) => {
  if (!mayUse('confirm', ctx.actor.roles) || !ctx.actor.person) return replyPlan(ctx, msg.forbidden('confirm'));
  const ref = parseProblemRef(args);
  const said = ref ? parseVerdict(ref.rest) : null;
  if (!ref || !said) return replyPlan(ctx, px.confirmUsage);
  const p = await problemBySeq(ctx, ref.seq);
  if (!p) return replyPlan(ctx, px.notFound(ref.seq));
  if (p.record.personId !== ctx.actor.person.id) return replyPlan(ctx, px.notRaiser(ref.seq));
  if (p.record.status !== 'resolved') return replyPlan(ctx, px.notResolved(ref.seq, p.record.status));
  const at = ctx.now.getTime();
  const reopen = said.verdict === 'unsatisfied';
  const to = reopen ? 'in_progress' : 'confirmed';
  const comment = [VERDICT_LABELS[said.verdict], said.comment].filter(Boolean).join(' ');
  const statements = [
    setStatusStatement(ctx.db, p.record.id, to, at),
    verdictStatement(ctx.db, p.record.id, said.verdict, said.comment, at),
    ...(await historyStatement(ctx, p.record.id, { action: reopen ? 'reopen' : 'confirm', fromStatus: 'resolved', toStatus: to, comment })),
  ];
  if (!reopen) return { statements, messages: [reply(ctx, px.confirmed(ref.seq, said.verdict))] };
  // A problem closed before problems had owners is reopened for someone to assign.
  if (!p.owner) return { statements, messages: [reply(ctx, px.reopenedUnassigned(ref.seq))] };
  const told = await tellPrivately(ctx, p.owner, `reopen:${ref.seq}`, px.toOwnerReopened({ seq: ref.seq, raiser: ctx.actor.person.name, comment: said.comment }));
  return { statements, messages: [reply(ctx, px.reopened(ref.seq, p.owner.name)), ...told] };
};
