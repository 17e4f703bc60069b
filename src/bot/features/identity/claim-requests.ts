import { chatsForRegion } from '../../../db/repo/chats.js';
import { insertJoinRequestStatement, nextJoinRequestNo, pendingRequestOf } from '../../../db/repo/join-requests.js';
import { linkIdentityStatement } from '../../../db/repo/people.js';
import type { Statement } from '../../../db/store.js';
import { stationDecides, type JoinRequestKind, type MatchedBy } from '../../../domain/identity/claims.js';
import { claimMsg, type ClaimWhy } from '../../../domain/identity/messages.js';
import { msg } from '../../../domain/messages.js';
import type { Button, OutMessage, OutTarget, Platform, Region } from '../../../domain/types.js';
import { reply, replyPlan, type HandlerContext, type Plan } from '../../engine/context.js';
import { platformDefinition } from '../../platforms/registry.js';

/** The township station's chats for a village: where claims are reported and decided. */
export async function stationTargets(ctx: HandlerContext, village: Region): Promise<OutTarget[]> {
  if (!village.parentCode) return [];
  const chats = await chatsForRegion(ctx.db, village.parentCode, 'township_station');
  return chats.map((c) => ({ platform: c.platform as Platform, chatId: c.chatId, threadId: c.threadId }));
}

/** The sender's account as a station reads it. */
export function senderLabel(ctx: HandlerContext): string {
  return claimMsg.account(platformDefinition(ctx.event.platform)?.label ?? ctx.event.platform, ctx.event.sender.displayName);
}

/** Ties the sender's account to a person, recording how. */
export function linkSenderStatement(ctx: HandlerContext, personId: string, matchedBy: MatchedBy): Statement {
  const { platform, sender } = ctx.event;
  return linkIdentityStatement(ctx.db, {
    platform,
    userId: sender.userId,
    personId,
    displayName: sender.displayName,
    username: sender.username ?? null,
    matchedBy,
    linkedAt: ctx.now.getTime(),
  });
}

export interface RequestSpec {
  name: string;
  phone4: string | null;
  /** The roster entry claimed (claim, transfer). */
  personId: string | null;
  /** Why a claim waits; null for someone not on the roster. */
  why: ClaimWhy | null;
}

function kindOf(why: ClaimWhy | null): JoinRequestKind {
  if (why === null) return 'new';
  if (why === 'held') return 'transfer';
  return why === 'no-tail' ? 'claim' : 'station_claim';
}

/**
 * A join request and who hears of it. Requests a leader may decide are announced in the village
 * chat and to the township station; the others go to the station only.
 */
export async function requestPlan(ctx: HandlerContext, village: Region, spec: RequestSpec, extra: Partial<Plan> = {}): Promise<Plan> {
  const { platform, sender } = ctx.event;
  const pending = await pendingRequestOf(ctx.db, platform, sender.userId, village.code);
  if (pending) {
    const plan = replyPlan(ctx, msg.joinAlreadyPending(pending.id));
    plan.statements.push(...(extra.statements ?? []));
    plan.messages.push(...(extra.messages ?? []));
    return plan;
  }
  const no = await nextJoinRequestNo(ctx.db);
  const buttons: Button[][] = [[
    { label: '批准', value: `approve:${no}` },
    { label: '驳回', value: `reject:${no}` },
  ]];
  const messages: OutMessage[] = [];
  const stations = await stationTargets(ctx, village);
  if (spec.why === null) {
    messages.push(reply(ctx, msg.joinPending(spec.name, no, village.fullName)), reply(ctx, msg.joinRequestNotice(spec.name, no), { buttons }));
    for (const to of stations) messages.push({ to, text: `${village.fullName}：${msg.joinRequestNotice(spec.name, no)}`, buttons });
  } else {
    const notice = claimMsg.notice(village.fullName, spec.name, no, senderLabel(ctx), spec.why);
    messages.push(reply(ctx, claimMsg.requested(spec.name, no, spec.why)));
    if (!stationDecides(kindOf(spec.why))) messages.push(reply(ctx, notice, { buttons }));
    for (const to of stations) messages.push({ to, text: notice, buttons });
  }
  messages.push(...(extra.messages ?? []));
  return {
    statements: [
      ...(extra.statements ?? []),
      insertJoinRequestStatement(ctx.db, {
        id: no,
        regionCode: village.code,
        platform,
        chatId: ctx.event.chat.chatId,
        userId: sender.userId,
        displayName: sender.displayName,
        name: spec.name,
        phone4: spec.phone4,
        kind: kindOf(spec.why),
        personId: spec.personId,
        status: 'pending',
        createdAt: ctx.now.getTime(),
      }),
    ],
    messages,
  };
}
