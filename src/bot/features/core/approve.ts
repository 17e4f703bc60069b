import { decideJoinRequestStatement, getJoinRequest, pendingRequestsUnder, type JoinRequestRow } from '../../../db/repo/join-requests.js';
import {
  getPerson,
  grantRoleStatement,
  identitiesForPeople,
  insertPersonStatement,
  linkIdentityStatement,
  rosterByName,
  unlinkPersonStatement,
} from '../../../db/repo/people.js';
import type { Statement } from '../../../db/store.js';
import { markProcessedStatement } from '../../../db/repo/events.js';
import { getRegion } from '../../../db/repo/regions.js';
import { mayUseIn, rolesCovering } from '../../../domain/access.js';
import { STATION_ROLES, stationDecides } from '../../../domain/identity/claims.js';
import { claimMsg } from '../../../domain/identity/messages.js';
import { cleanName } from '../../../domain/normalise.js';
import { msg } from '../../../domain/messages.js';
import type { OutMessage, Platform, Region } from '../../../domain/types.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { privateTarget } from '../../engine/scheduler/recipients.js';
import { actorLabel } from './where.js';

async function decide(ctx: HandlerContext, no: number, approve: boolean, reason: string | null): Promise<Plan> {
  const command = approve ? 'approve' : 'reject';
  const request = await getJoinRequest(ctx.db, no);
  if (request?.status !== 'pending') return replyPlan(ctx, msg.requestNotFound(no));
  const village = await getRegion(ctx.db, request.regionCode);
  if (!village) return replyPlan(ctx, msg.requestNotFound(no));
  if (!mayUseIn(command, ctx.actor.roles, village)) return replyPlan(ctx, msg.forbidden(command));
  if (stationDecides(request.kind) && !rolesCovering(ctx.actor.roles, village).some((r) => STATION_ROLES.includes(r))) {
    return replyPlan(ctx, claimMsg.stationOnly);
  }
  const at = ctx.now.getTime();
  const decidedBy = actorLabel(ctx);
  const statements = [
    decideJoinRequestStatement(ctx.db, no, { status: approve ? 'approved' : 'rejected', decidedBy, reason, at }),
    // A unique marker per decision: two people deciding at once make one decision, one reply.
    markProcessedStatement(ctx.db, 'decision', `join-request:${no}`, at),
  ];
  const messages: OutMessage[] = [];
  const requestChat = { platform: request.platform as Platform, chatId: request.chatId, threadId: null };
  const elsewhere = request.chatId !== ctx.event.chat.chatId || request.platform !== ctx.event.platform;
  if (!approve) {
    messages.push(reply(ctx, msg.rejected(request.name, reason)));
    if (elsewhere) messages.push({ to: requestChat, text: msg.rejected(request.name, reason) });
    return { statements, messages };
  }
  const granted = await grantFor(ctx, request, village, at);
  if ('refusal' in granted) return replyPlan(ctx, granted.refusal);
  statements.push(...granted.statements);
  messages.push(reply(ctx, msg.approved(request.name, village.fullName)));
  if (elsewhere) messages.push({ to: requestChat, text: `${request.name}：${msg.approvedNotice(request.name)}` });
  messages.push(...granted.messages);
  return { statements, messages };
}

/**
 * What approving gives: a new roster person for someone not on it, or the claimed entry (taken
 * from the accounts that held it, which are told, when it is a transfer).
 */
async function grantFor(
  ctx: HandlerContext,
  request: JoinRequestRow,
  village: Region,
  at: number,
): Promise<{ statements: Statement[]; messages: OutMessage[] } | { refusal: string }> {
  const link = (personId: string) =>
    linkIdentityStatement(ctx.db, {
      platform: request.platform,
      userId: request.userId,
      personId,
      displayName: request.displayName,
      matchedBy: 'approval',
      linkedAt: at,
    });
  if (!request.personId) {
    // A look-alike of someone on the roster is that person, never a second one.
    if ((await rosterByName(ctx.db, village.code, cleanName(request.name))).length > 0) return { refusal: claimMsg.lookalike(request.name) };
    // The id is derived from the request, so two approvals racing create one person, not two.
    const personId = `join-${request.id}`;
    return {
      statements: [
        insertPersonStatement(ctx.db, { id: personId, name: request.name, homeRegion: village.code, onRoster: 1, createdAt: at }),
        link(personId),
        grantRoleStatement(ctx.db, personId, 'cadre', village.code, at),
      ],
      messages: [],
    };
  }
  const person = await getPerson(ctx.db, request.personId);
  if (!person) return { refusal: msg.requestNotFound(request.id) };
  const holders = (await identitiesForPeople(ctx.db, [person.id])).filter((i) => !(i.platform === request.platform && i.userId === request.userId));
  if (holders.length > 0 && request.kind !== 'transfer') return { refusal: claimMsg.heldMeanwhile(person.name) };
  const statements: Statement[] = [];
  const messages: OutMessage[] = [];
  if (holders.length > 0) {
    statements.push(unlinkPersonStatement(ctx.db, person.id));
    for (const h of holders) messages.push({ to: privateTarget(h.platform as Platform, h.userId), text: claimMsg.transferredAway(person.name) });
  }
  statements.push(link(person.id));
  if (person.homeRegion === village.code) statements.push(grantRoleStatement(ctx.db, person.id, 'cadre', village.code, at));
  return { statements, messages };
}

function decideCommand(approve: boolean): CommandHandler {
  return async (ctx, args) => {
    const words = args.split(/\s+/u).filter(Boolean);
    const first = words[0]?.replace(/^申请#?|^#/u, '');
    if (!first) {
      if (!ctx.region) return replyPlan(ctx, msg.approveUsage);
      if (!mayUseIn(approve ? 'approve' : 'reject', ctx.actor.roles, ctx.region)) return replyPlan(ctx, msg.forbidden(approve ? 'approve' : 'reject'));
      const pending = await pendingRequestsUnder(ctx.db, ctx.region.path);
      if (pending.length === 0) return replyPlan(ctx, msg.noPendingRequests);
      return replyPlan(ctx, msg.pendingRequests(pending.map((r) => ({ no: r.id, name: r.name }))));
    }
    const no = Number(first);
    if (!Number.isInteger(no) || no < 1) return replyPlan(ctx, msg.approveUsage);
    const reason = words.slice(1).join(' ') || null;
    return decide(ctx, no, approve, reason);
  };
}

export const approveCommand = decideCommand(true);
export const rejectCommand = decideCommand(false);

function decideButton(approve: boolean): ButtonHandler {
  return async (ctx, [n]) => {
    const no = Number(n);
    if (!Number.isInteger(no)) return { statements: [], messages: [], toast: msg.buttonExpired };
    const plan = await decide(ctx, no, approve, null);
    // A refusal becomes the toast only: a button press should not clutter the group.
    if (plan.statements.length === 0) return { statements: [], messages: [], toast: plan.messages[0]?.text ?? msg.buttonExpired };
    return { ...plan, toast: msg.done };
  };
}

export const approveButton = decideButton(true);
export const rejectButton = decideButton(false);
