import { getMeetingBySeq, updateMeetingStatement, type MeetingRow } from '../../../db/repo/meetings.js';
import { getRegion } from '../../../db/repo/regions.js';
import { isWithin } from '../../../domain/access.js';
import type { CommandName } from '../../../domain/commands.js';
import { defaultWindow, parseWhen } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import type { OutMessage } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext } from '../../engine/context.js';
import { boundRegionFor, type Resolved } from '../core/where.js';
import { meetingChat, viewOf } from './view.js';

/** 「会议#4 理由」, 「#4 …」 or 「4 …」: the meeting number and what follows it. */
function meetingRef(args: string): { seq: number; rest: string } | null {
  const m = /^(?:会议)?\s*[#＃]?\s*(\d{1,9})(?:\s+|$)([\s\S]*)$/u.exec(args.trim());
  return m ? { seq: Number(m[1]), rest: m[2]!.trim() } : null;
}

/**
 * The meeting the command names, held in the chat's region or below it, and not yet under way:
 * once sign-in opens people are on their way and the attendance is being taken.
 */
async function changeableMeeting(ctx: HandlerContext, command: CommandName, args: string, usage: string): Promise<Resolved<{ meeting: MeetingRow; rest: string }>> {
  const where = boundRegionFor(ctx, command);
  if (!where.ok) return where;
  const ref = meetingRef(args);
  if (!ref) return { ok: false, plan: replyPlan(ctx, usage) };
  const meeting = await getMeetingBySeq(ctx.db, ref.seq);
  const region = meeting ? await getRegion(ctx.db, meeting.regionCode) : null;
  if (!meeting || !region || !isWithin(region.path, where.value.path) || meeting.status === 'closed') {
    return { ok: false, plan: replyPlan(ctx, meetingMsg.changeNotFound(ref.seq)) };
  }
  if (meeting.status === 'cancelled') return { ok: false, plan: replyPlan(ctx, meetingMsg.alreadyCancelled(viewOf(meeting))) };
  if (meeting.status === 'open' || ctx.now.getTime() >= meeting.signinOpensAt) {
    return { ok: false, plan: replyPlan(ctx, meetingMsg.alreadyUnderWay(viewOf(meeting))) };
  }
  return { ok: true, value: { meeting, rest: ref.rest } };
}

/** The notice goes to the meeting's chat; typed elsewhere (a station chat), the sender hears it too. */
function notify(ctx: HandlerContext, m: MeetingRow, text: string): OutMessage[] {
  const to = meetingChat(m);
  const here = ctx.event.chat;
  const same = to.platform === here.platform && to.chatId === here.chatId;
  return same ? [reply(ctx, text)] : [{ to, text }, reply(ctx, text)];
}

/** /meeting cancel 会议#N [理由] (取消会议). Nobody is marked absent: a cancelled meeting is never summarised. */
export const meetingCancelCommand: CommandHandler = async (ctx, args) => {
  const found = await changeableMeeting(ctx, 'meeting_cancel', args, meetingMsg.cancelUsage);
  if (!found.ok) return found.plan;
  const { meeting, rest } = found.value;
  const now = ctx.now.getTime();
  return {
    statements: [updateMeetingStatement(ctx.db, meeting.id, { status: 'cancelled', cancelReason: rest || null, updatedAt: now })],
    messages: notify(ctx, meeting, meetingMsg.cancelledNotice(viewOf(meeting), ctx.timeZone, rest || null)),
  };
};

/** /meeting move 会议#N <time> (改期). Reminders follow the new time under keys of their own. */
export const meetingMoveCommand: CommandHandler = async (ctx, args) => {
  const found = await changeableMeeting(ctx, 'meeting_move', args, meetingMsg.moveUsage);
  if (!found.ok) return found.plan;
  const { meeting, rest } = found.value;
  if (!rest) return replyPlan(ctx, meetingMsg.moveUsage);
  const when = parseWhen(rest, ctx.now, ctx.timeZone);
  if (!when.ok) return replyPlan(ctx, meetingMsg.moveBadTime[when.error]);
  const now = ctx.now.getTime();
  if (when.at <= now) return replyPlan(ctx, meetingMsg.movePast);
  if (when.at === meeting.startsAt) return replyPlan(ctx, meetingMsg.moveSame(viewOf(meeting), ctx.timeZone));
  const window = defaultWindow(when.at);
  const moved: MeetingRow = { ...meeting, ...window, movedAt: now, updatedAt: now };
  return {
    statements: [updateMeetingStatement(ctx.db, meeting.id, { ...window, movedAt: now, updatedAt: now })],
    messages: notify(ctx, meeting, meetingMsg.movedNotice(viewOf(moved), meeting.startsAt, ctx.timeZone, when.ambiguity !== null)),
  };
};

/** /meeting cancel … and /meeting move … typed after the slash command. */
export function meetingSubcommand(args: string): { name: 'meeting_cancel' | 'meeting_move'; args: string } | null {
  const m = /^(cancel|move|取消|改期)(?:\s+([\s\S]*))?$/iu.exec(args.trim());
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  return { name: word === 'cancel' || word === '取消' ? 'meeting_cancel' : 'meeting_move', args: (m[2] ?? '').trim() };
}
