import { insertMeetingStatement, nextMeetingSeq, signinStatement, type MeetingRow } from '../../../db/repo/meetings.js';
import { fiveOnes } from '../../../domain/five-ones.js';
import { summarise } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';
import { progressOf } from '../core/five-ones.js';
import { cadreVillage } from '../core/where.js';

/**
 * /talk 恳谈 <text>: a hometown talk the cadre attended offline. Kept as a held 恳谈会 with the
 * cadre signed in, so it counts wherever talks count (five ones, statistics, the ledger's
 * meetings) by the same rule as one held through the bot: it took place and someone attended.
 */
export const talkCommand: CommandHandler = async (ctx, args) => {
  const where = await cadreVillage(ctx);
  if (!where.ok) return where.plan;
  const text = args.trim();
  if (!text) return replyPlan(ctx, meetingMsg.talkUsage);
  const person = ctx.actor.person!;
  const now = ctx.now.getTime();
  const seq = await nextMeetingSeq(ctx.db);
  const id = ctx.newId();
  const { chat } = ctx.event;
  const summary = summarise([{ name: person.name, status: 'signed', proxy: false, reason: null }], 0);
  const row: MeetingRow = {
    id,
    seq,
    kind: 'talk',
    title: text,
    place: null,
    regionCode: where.value.code,
    platform: chat.platform,
    chatId: chat.chatId,
    threadId: chat.threadId,
    startsAt: now,
    signinOpensAt: now,
    signinClosesAt: now,
    status: 'closed',
    villagers: 0,
    summary: JSON.stringify(summary),
    createdBy: person.id,
    createdAt: now,
    updatedAt: now,
    movedAt: null,
    cancelReason: null,
  };
  const before = await progressOf(ctx.db, person.id, now);
  const after = fiveOnes({ ...before.counts, talk: before.counts.talk + 1 });
  const plan = replyPlan(ctx, meetingMsg.talkRecorded(seq, where.value.fullName, after));
  plan.statements.push(
    insertMeetingStatement(ctx.db, row),
    signinStatement(ctx.db, { meetingId: id, personId: person.id, status: 'signed', at: now, proxyBy: null }),
  );
  return plan;
};
