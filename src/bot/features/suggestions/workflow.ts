import { getRecordBySeq, type RecordRow } from '../../../db/repo/records.js';
import { getRegion } from '../../../db/repo/regions.js';
import { getRecordById, historyOf, insertHistoryStatement, nextHistoryVersion } from '../../../db/repo/suggestions.js';
import type { Statement } from '../../../db/store.js';
import { hasAnyRole, mayUseIn } from '../../../domain/access.js';
import { commandSpec, type CommandName } from '../../../domain/commands.js';
import { msg } from '../../../domain/messages.js';
import type { Region } from '../../../domain/types.js';
import { replyPlan, type HandlerContext } from '../../engine/context.js';
import { actorLabel, type Resolved } from '../core/where.js';

/** The name people recognise for whoever acted: the roster name, else the platform display name. */
export function actorName(ctx: HandlerContext): string {
  return ctx.actor.person?.name ?? ctx.event.sender.displayName;
}

/** A region the sender must cover for this command; the refusal says which problem it is. */
export function inScope(ctx: HandlerContext, command: CommandName, region: Region): Resolved<Region> {
  if (mayUseIn(command, ctx.actor.roles, region)) return { ok: true, value: region };
  const text = hasAnyRole(ctx.actor.roles, commandSpec(command).who) ? msg.outOfScope(region.fullName) : msg.forbidden(command);
  return { ok: false, plan: replyPlan(ctx, text) };
}

export async function suggestionWithVillage(ctx: HandlerContext, seq: number): Promise<{ record: RecordRow; village: Region } | null> {
  const record = await getRecordBySeq(ctx.db, 'suggestion', seq);
  if (!record) return null;
  const village = await getRegion(ctx.db, record.regionCode);
  return village ? { record, village } : null;
}

/** Where a merged suggestion ended up, following merges of merges. */
export async function mergeTarget(ctx: HandlerContext, record: RecordRow): Promise<RecordRow | null> {
  let current = record;
  for (let hops = 0; hops < 20 && current.status === 'merged'; hops++) {
    const merge = (await historyOf(ctx.db, current.id)).filter((h) => h.action === 'merge').pop();
    if (!merge?.relatedRecordId) return null;
    const next = await getRecordById(ctx.db, merge.relatedRecordId);
    if (!next) return null;
    current = next;
  }
  return current;
}

export interface HistoryEntry {
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromTags?: string | null;
  toTags?: string | null;
  relatedRecordId?: string | null;
  comment?: string | null;
}

/**
 * A history row for the record at its next version, with the actor and event of this context.
 * Returned inside an array: a drizzle statement is thenable, so an async function returning one
 * bare would run it on the spot instead of in the pipeline's one atomic write.
 */
export async function historyStatement(ctx: HandlerContext, recordId: string, entry: HistoryEntry): Promise<[Statement]> {
  const version = await nextHistoryVersion(ctx.db, recordId);
  const statement = insertHistoryStatement(ctx.db, {
    recordId,
    version,
    action: entry.action,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    fromTags: entry.fromTags ?? null,
    toTags: entry.toTags ?? null,
    relatedRecordId: entry.relatedRecordId ?? null,
    comment: entry.comment ?? null,
    actorId: actorLabel(ctx),
    actorName: actorName(ctx),
    eventId: ctx.event.eventId,
    at: ctx.now.getTime(),
  });
  return [statement];
}
