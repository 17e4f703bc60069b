import { addMemberStatement, isMember, membersOf, removeMemberStatement, villagePeopleNamed } from '../../../db/repo/meetings.js';
import { insertPersonStatement } from '../../../db/repo/people.js';
import { findRegions } from '../../../db/repo/regions.js';
import { mayUse, mayUseIn } from '../../../domain/access.js';
import { memberKindFromWord } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import { msg } from '../../../domain/messages.js';
import { cleanName } from '../../../domain/normalise.js';
import type { Region } from '../../../domain/types.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';
import { actorLabel } from '../core/where.js';

const MAX_NAME = 20;
const REMOVE = /^(?:移除|删除|去掉|取消)$/u;

/**
 * /member 成员 [村名] <姓名> 党员|村民代表 [移除] — the electorate of the village's votes. Someone not on
 * any roster (most representatives, many party members) becomes a person without an account,
 * signed in by name (代签) at meetings. A leader for their village, a station inside its area.
 */
export const memberCommand: CommandHandler = async (ctx, args) => {
  if (!mayUse('member', ctx.actor.roles)) return replyPlan(ctx, msg.forbidden('member'));
  const words = args.trim().split(/\s+/u).filter(Boolean);
  // 「成员 温泉村 李四 党员 移除」: someone who moved away or passed on no longer counts in 应到.
  const remove = words.length > 0 && REMOVE.test(words.at(-1)!);
  if (remove) words.pop();
  const kind = words.length > 0 ? memberKindFromWord(words.at(-1)!) : null;
  if (!kind || words.length < 2 || words.length > 3) return replyPlan(ctx, meetingMsg.memberUsage);
  const name = cleanName(words.at(-2)!);
  if (!name || Array.from(name).length > MAX_NAME) return replyPlan(ctx, meetingMsg.memberNameTooLong);

  let village: Region;
  if (words.length === 2) {
    // In a village's own group the village may be left out: 「成员 李四 村民代表」.
    if (ctx.region?.level !== 'village') return replyPlan(ctx, meetingMsg.memberUsage);
    village = ctx.region;
    if (!mayUseIn('member', ctx.actor.roles, village)) return replyPlan(ctx, msg.outOfScope(village.fullName));
  } else {
    const place = words[0]!;
    const villages = (await findRegions(ctx.db, place, 50)).filter((r) => r.level === 'village');
    if (villages.length === 0) return replyPlan(ctx, meetingMsg.memberNoVillage(place));
    const allowed = villages.filter((v) => mayUseIn('member', ctx.actor.roles, v));
    if (allowed.length === 0) return replyPlan(ctx, msg.outOfScope(villages[0]!.fullName));
    if (allowed.length > 1) return replyPlan(ctx, meetingMsg.memberAmbiguous(place, allowed.map((v) => v.fullName)));
    village = allowed[0]!;
  }

  const total = (await membersOf(ctx.db, village.code, kind)).length;
  if (remove) {
    const listed = (await membersOf(ctx.db, village.code, kind)).filter((p) => cleanName(p.name) === name);
    if (listed.length === 0) return replyPlan(ctx, meetingMsg.memberNotListed(village.fullName, name, kind));
    if (listed.length > 1) return replyPlan(ctx, meetingMsg.memberAmbiguousPerson(name));
    const plan = replyPlan(ctx, meetingMsg.memberRemoved(village.fullName, listed[0]!.name, kind, total - 1));
    plan.statements.push(removeMemberStatement(ctx.db, village.code, kind, listed[0]!.id));
    return plan;
  }
  const found = await villagePeopleNamed(ctx.db, village.code, name);
  if (found.length > 1) return replyPlan(ctx, meetingMsg.memberAmbiguousPerson(name));
  const now = ctx.now.getTime();
  const by = actorLabel(ctx);
  const existing = found[0];
  if (existing) {
    if (await isMember(ctx.db, village.code, kind, existing.id)) return replyPlan(ctx, meetingMsg.memberAlready(village.fullName, existing.name, kind));
    const plan = replyPlan(ctx, meetingMsg.memberAdded(village.fullName, existing.name, kind, total + 1, false));
    plan.statements.push(addMemberStatement(ctx.db, { regionCode: village.code, personId: existing.id, kind, addedBy: by, addedAt: now }));
    return plan;
  }
  const id = ctx.newId();
  const plan = replyPlan(ctx, meetingMsg.memberAdded(village.fullName, name, kind, total + 1, true));
  plan.statements.push(
    insertPersonStatement(ctx.db, { id, name, homeRegion: village.code, onRoster: 0, createdAt: now }),
    addMemberStatement(ctx.db, { regionCode: village.code, personId: id, kind, addedBy: by, addedAt: now }),
  );
  return plan;
};
