import type { RecordRow } from '../../../db/repo/records.js';
import { setStatusStatement } from '../../../db/repo/suggestions.js';
import type { Statement } from '../../../db/store.js';
import { px, withoutLinks, WORKING_STATUSES } from '../../../domain/problems/index.js';
import type { OutMessage } from '../../../domain/types.js';
import type { HandlerContext } from '../../engine/context.js';
import type { RecordDraft } from '../core/record.js';
import { actorName, historyStatement } from '../suggestions/workflow.js';
import { closing } from './close.js';
import { brief, problemOf, tellPrivately } from './common.js';

/**
 * A deed saying 「回应问题#N」. The owner's deed closes the problem (the raiser is then asked to
 * confirm); anyone else's is linked and reported to the owner, and an assigned problem becomes
 * 办理中, but it stays open until its owner closes it: a deed is not proof on its own word.
 */
export async function deedAnswersProblem(ctx: HandlerContext, draft: RecordDraft, target: RecordRow): Promise<{ statements: Statement[]; messages: OutMessage[]; line: string }> {
  const seq = target.seq;
  const p = await problemOf(ctx, target);
  const working = WORKING_STATUSES.includes(target.status);
  if (!p || !working || !p.owner) {
    return { statements: [], messages: [], line: target.status === 'open' ? px.linkedUnassigned(seq) : px.linked(seq, target.status) };
  }
  if (p.owner.id === ctx.actor.person?.id) {
    const done = await closing(ctx, p, withoutLinks(draft.text), draft.recordId);
    return { ...done, line: px.linkedClosed(seq) };
  }
  const statements: Statement[] = [];
  if (target.status === 'assigned') {
    const at = ctx.now.getTime();
    statements.push(
      setStatusStatement(ctx.db, target.id, 'in_progress', at),
      ...(await historyStatement(ctx, target.id, { action: 'progress', fromStatus: 'assigned', toStatus: 'in_progress', relatedRecordId: draft.recordId })),
    );
  }
  const messages = await tellPrivately(ctx, p.owner, `progress:${seq}`, px.toOwnerProgress({ seq, by: actorName(ctx), deedSeq: draft.seq, text: brief(withoutLinks(draft.text), 80) }));
  return { statements, messages, line: px.linkedForOwner(seq, p.owner.name) };
}
