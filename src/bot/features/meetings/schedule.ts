import {
  confirmDraftStatement,
  getMeetingBySeq,
  insertMeetingStatement,
  inviteesOf,
  inviteStatement,
  membersOf,
  nextMeetingSeq,
  updateMeetingStatement,
  type MeetingRow,
} from '../../../db/repo/meetings.js';
import { markProcessedStatement } from '../../../db/repo/events.js';
import type { Statement } from '../../../db/store.js';
import { mayUseIn } from '../../../domain/access.js';
import { electorateOf, isMeetingKind, kindFromTitle, MEETING_KIND_LABELS, MEETING_KINDS, parseWhen, splitTitlePlace, windowFor, type MeetingKind } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import { msg } from '../../../domain/messages.js';
import type { Button } from '../../../domain/types.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { actorLabel, boundRegionFor } from '../core/where.js';
import { meetingCancelCommand, meetingMoveCommand, meetingSubcommand } from './change.js';
import { meetingChat, viewOf } from './view.js';

const MAX_TITLE = 60;

/**
 * Invitations are a snapshot of who holds a role in the region when the meeting is confirmed; a
 * 党员大会 or 村民代表会议 also invites its electorate, so its attendance shows who of them came.
 */
async function invitations(ctx: HandlerContext, meetingId: string, regionCode: string, kind: MeetingKind | null): Promise<Statement[]> {
  const ids = new Set((await inviteesOf(ctx.db, regionCode)).map((p) => p.id));
  const electorate = electorateOf(kind);
  if (electorate) for (const p of await membersOf(ctx.db, regionCode, electorate)) ids.add(p.id);
  return [...ids].map((id) => inviteStatement(ctx.db, meetingId, id));
}

/** /meeting 会议 <when> <title> [@place] */
export const meetingCommand: CommandHandler = async (ctx, args) => {
  const sub = meetingSubcommand(args);
  if (sub) return sub.name === 'meeting_cancel' ? meetingCancelCommand(ctx, sub.args) : meetingMoveCommand(ctx, sub.args);
  if (ctx.event.chat.type === 'private') return replyPlan(ctx, meetingMsg.groupOnly);
  const where = boundRegionFor(ctx, 'meeting');
  if (!where.ok) return where.plan;
  if (!args.trim()) return replyPlan(ctx, meetingMsg.usage);
  const when = parseWhen(args, ctx.now, ctx.timeZone);
  if (!when.ok) return replyPlan(ctx, meetingMsg.badTime[when.error]);
  const { title, place } = splitTitlePlace(when.rest);
  if (!title) return replyPlan(ctx, meetingMsg.noTitle);
  if (Array.from(title).length > MAX_TITLE) return replyPlan(ctx, meetingMsg.titleTooLong(MAX_TITLE));
  const now = ctx.now.getTime();
  const kind = kindFromTitle(title);
  const past = when.at <= now;
  const ambiguous = when.ambiguity !== null;
  const draft = past || ambiguous || kind === null;
  const seq = await nextMeetingSeq(ctx.db);
  const id = ctx.newId();
  const window = windowFor(when.at, now);
  const { chat } = ctx.event;
  const row: MeetingRow = {
    id,
    seq,
    kind,
    title,
    place,
    regionCode: where.value.code,
    platform: chat.platform,
    chatId: chat.chatId,
    threadId: chat.threadId,
    ...window,
    status: draft ? 'draft' : 'scheduled',
    villagers: 0,
    summary: null,
    createdBy: actorLabel(ctx),
    createdAt: now,
    updatedAt: now,
    movedAt: null,
    cancelReason: null,
  };
  const statements: Statement[] = [insertMeetingStatement(ctx.db, row)];
  if (!draft) {
    statements.push(...(await invitations(ctx, id, row.regionCode, row.kind)));
    return { statements, messages: [reply(ctx, meetingMsg.scheduled(viewOf(row), ctx.timeZone))] };
  }
  const buttons: Button[][] =
    kind === null
      ? [MEETING_KINDS.slice(0, 3), MEETING_KINDS.slice(3)].map((row3) => row3.map((k) => ({ label: MEETING_KIND_LABELS[k], value: `mtg:kind:${seq}:${k}` })))
      : [[{ label: meetingMsg.confirmLabel, value: `mtg:ok:${seq}` }]];
  buttons[buttons.length - 1]!.push({ label: meetingMsg.cancelLabel, value: `mtg:no:${seq}` });
  return {
    statements,
    messages: [reply(ctx, meetingMsg.confirmPrompt(viewOf(row), ctx.timeZone, { past, ambiguous, needKind: kind === null }), { buttons })],
  };
};

const toast = (text: string): Plan => ({ statements: [], messages: [], toast: text });

/** Buttons of a draft: mtg:ok:<seq>, mtg:no:<seq>, mtg:kind:<seq>:<kind>. */
export const meetingButton: ButtonHandler = async (ctx, [action, seqText, kindText]) => {
  const seq = Number(seqText);
  const meeting = Number.isInteger(seq) ? await getMeetingBySeq(ctx.db, seq) : null;
  if (!meeting || (action !== 'ok' && action !== 'no' && action !== 'kind')) return toast(msg.buttonExpired);
  if (meeting.status !== 'draft') return toast(meetingMsg.draftGone);
  const region = ctx.region;
  const organiser = meeting.createdBy === actorLabel(ctx);
  if (!organiser && !(region && region.code === meeting.regionCode && mayUseIn('meeting', ctx.actor.roles, region))) {
    return toast(meetingMsg.onlyOrganiser);
  }
  const now = ctx.now.getTime();
  // One decision per draft even when two people press at once in different processes.
  const decided = markProcessedStatement(ctx.db, 'decision', `meeting-draft:${meeting.id}`, now);
  if (action === 'no') {
    return {
      statements: [decided, updateMeetingStatement(ctx.db, meeting.id, { status: 'cancelled', updatedAt: now })],
      messages: [{ to: meetingChat(meeting), text: meetingMsg.draftCancelled(meeting.seq) }],
      toast: msg.done,
    };
  }
  let kind: MeetingKind | null = meeting.kind;
  if (action === 'kind') {
    if (!kindText || !isMeetingKind(kindText)) return toast(msg.buttonExpired);
    kind = kindText;
  }
  if (!kind) return toast(msg.buttonExpired);
  const window = windowFor(meeting.startsAt, now);
  const confirmed: MeetingRow = { ...meeting, ...window, kind, status: 'scheduled', updatedAt: now };
  return {
    statements: [
      decided,
      confirmDraftStatement(ctx.db, meeting.id, { ...window, kind, updatedAt: now }),
      ...(await invitations(ctx, meeting.id, meeting.regionCode, kind)),
    ],
    messages: [{ to: meetingChat(meeting), text: meetingMsg.scheduled(viewOf(confirmed), ctx.timeZone) }],
    toast: msg.done,
  };
};
