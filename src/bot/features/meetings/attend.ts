import {
  attendanceOf,
  attendanceStatusOf,
  currentMeetingInChat,
  getMeetingBySeq,
  leaveStatement,
  peopleNamed,
  signinStatement,
  updateMeetingStatement,
  type MeetingRow,
} from '../../../db/repo/meetings.js';
import { mayUseIn } from '../../../domain/access.js';
import { signinMoment } from '../../../domain/meetings/index.js';
import { pauseMsg } from '../../../domain/load-messages.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import { soundsLikePause } from '../../../domain/pause.js';
import { msg } from '../../../domain/messages.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { actorLabel } from '../core/where.js';
import type { OutMessage } from '../../../domain/types.js';
import { meetingChat, meetingKey, viewOf } from './view.js';

/**
 * The sign-in card posted when the window opened, updated in place with who has signed in. Only
 * where the platform edits messages: elsewhere each sign-in would post the whole card again.
 */
async function cardUpdate(ctx: HandlerContext, m: MeetingRow, newly: readonly { id: string }[]): Promise<OutMessage[]> {
  if (!ctx.capabilities.editInPlace) return [];
  const signed = new Set<string>();
  for (const a of await attendanceOf(ctx.db, m.id)) if (a.status === 'signed' || a.status === 'late') signed.add(a.personId);
  for (const p of newly) signed.add(p.id);
  return [
    {
      to: meetingChat(m),
      text: meetingMsg.signinCard(viewOf(m), ctx.timeZone, signed.size),
      title: meetingMsg.signinLabel,
      buttons: [[{ label: meetingMsg.signinLabel, value: `signin:${m.seq}` }]],
      editOf: `${meetingKey(m)}:open`,
      key: `meeting:${m.id}:card:${ctx.event.platform}:${ctx.event.eventId}`,
    },
  ];
}

type Found = { ok: true; meeting: MeetingRow; late: boolean } | { ok: false; text: string };

/** The meeting of this chat whose window is open now, or the reason there is none. */
async function openMeeting(ctx: HandlerContext, meeting?: MeetingRow | null): Promise<Found> {
  const now = ctx.now.getTime();
  const m = meeting === undefined ? await currentMeetingInChat(ctx.db, ctx.event.platform, ctx.event.chat.chatId, now) : meeting;
  if (!m || m.status === 'draft' || m.status === 'cancelled') return { ok: false, text: meetingMsg.noMeeting };
  const moment = signinMoment(m, now);
  if (moment === 'not-open') return { ok: false, text: meetingMsg.notOpenYet(viewOf(m), ctx.timeZone) };
  if (moment === 'closed' || m.status === 'closed') return { ok: false, text: meetingMsg.closed(viewOf(m)) };
  return { ok: true, meeting: m, late: moment === 'late' };
}

async function signSelf(ctx: HandlerContext, meeting?: MeetingRow | null): Promise<{ plan: Plan; toast: string }> {
  const found = await openMeeting(ctx, meeting);
  if (!found.ok) return { plan: replyPlan(ctx, found.text), toast: found.text };
  const person = ctx.actor.person;
  if (!person) return { plan: replyPlan(ctx, meetingMsg.unknownPerson), toast: meetingMsg.unknownPerson };
  const status = await attendanceStatusOf(ctx.db, found.meeting.id, person.id);
  if (status === 'signed' || status === 'late') {
    const text = meetingMsg.alreadySignedIn;
    return { plan: replyPlan(ctx, text), toast: text };
  }
  const statement = signinStatement(ctx.db, {
    meetingId: found.meeting.id,
    personId: person.id,
    status: found.late ? 'late' : 'signed',
    at: ctx.now.getTime(),
    proxyBy: null,
  });
  const card = await cardUpdate(ctx, found.meeting, [{ id: person.id }]);
  return {
    plan: { statements: [statement], messages: [reply(ctx, meetingMsg.signedIn(viewOf(found.meeting))), ...card] },
    toast: meetingMsg.signinToast(found.late),
  };
}

/** /signin 签到 */
export const signinCommand: CommandHandler = async (ctx) => (await signSelf(ctx)).plan;

/** The sign-in card's button: signin:<seq>. Answered with a toast so the group is not flooded. */
export const signinButton: ButtonHandler = async (ctx, [seqText]) => {
  const seq = Number(seqText);
  const meeting = Number.isInteger(seq) ? await getMeetingBySeq(ctx.db, seq) : null;
  if (!meeting || meeting.chatId !== ctx.event.chat.chatId || meeting.platform !== ctx.event.platform) {
    return { statements: [], messages: [], toast: msg.buttonExpired };
  }
  const { plan, toast } = await signSelf(ctx, meeting);
  // The toast answers the press; the card itself shows the new name, so no chat message is added.
  return { statements: plan.statements, messages: plan.messages.filter((m) => m.editOf), toast };
};

const HEAD_COUNT = /^(?:村民|群众)\s*(\d+)\s*(?:人|名|位)?$/u;

/** /proxy 代签 <姓名…> | 代签 村民 <N>人 — by the leader, a council member or a station. */
export const proxyCommand: CommandHandler = async (ctx, args) => {
  const found = await openMeeting(ctx);
  if (!found.ok) return replyPlan(ctx, found.text);
  const { meeting, late } = found;
  if (!ctx.region || ctx.region.code !== meeting.regionCode || !mayUseIn('proxy', ctx.actor.roles, ctx.region)) {
    return replyPlan(ctx, msg.forbidden('proxy'));
  }
  const text = args.trim();
  if (!text) return replyPlan(ctx, meetingMsg.proxyUsage);
  const now = ctx.now.getTime();
  const heads = HEAD_COUNT.exec(text);
  if (heads || /^(?:村民|群众)/u.test(text)) {
    const n = heads ? Number(heads[1]) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 9999) return replyPlan(ctx, meetingMsg.headCountInvalid);
    return {
      statements: [updateMeetingStatement(ctx.db, meeting.id, { villagers: n, updatedAt: now })],
      messages: [reply(ctx, meetingMsg.headCount(n, viewOf(meeting)))],
    };
  }
  const names = [...new Set(text.split(/[\s,，、]+/u).filter(Boolean))];
  const chosen: { id: string; name: string }[] = [];
  for (const name of names) {
    const matches = await peopleNamed(ctx.db, meeting.id, meeting.regionCode, name);
    if (matches.length === 0) return replyPlan(ctx, meetingMsg.proxyNotFound(name));
    if (matches.length > 1) return replyPlan(ctx, meetingMsg.proxyAmbiguous(name));
    chosen.push(matches[0]!);
  }
  const by = actorLabel(ctx);
  return {
    statements: chosen.map((p) =>
      signinStatement(ctx.db, { meetingId: meeting.id, personId: p.id, status: late ? 'late' : 'signed', at: now, proxyBy: by }),
    ),
    messages: [
      reply(ctx, meetingMsg.proxySigned(chosen.map((p) => p.name), ctx.actor.person?.name ?? ctx.event.sender.displayName, viewOf(meeting))),
      ...(await cardUpdate(ctx, meeting, chosen)),
    ],
  };
};

/** /leave 请假 <理由> — before the start; the person is then not counted absent. */
export const leaveCommand: CommandHandler = async (ctx, args) => {
  const now = ctx.now.getTime();
  const meeting = await currentMeetingInChat(ctx.db, ctx.event.platform, ctx.event.chat.chatId, now);
  if (!meeting || meeting.status === 'draft') {
    // 「请假 12月借调省里，暂停参加」 is about weeks away, not one meeting: that is what 暂停 is for.
    return replyPlan(ctx, soundsLikePause(args) ? pauseMsg.leaveIsPause : meetingMsg.leaveNoMeeting);
  }
  if (now >= meeting.startsAt) return replyPlan(ctx, meetingMsg.leaveTooLate(viewOf(meeting)));
  const person = ctx.actor.person;
  if (!person) return replyPlan(ctx, meetingMsg.unknownPerson);
  const reason = args.trim();
  if (!reason) return replyPlan(ctx, meetingMsg.leaveUsage);
  const status = await attendanceStatusOf(ctx.db, meeting.id, person.id);
  if (status === 'signed' || status === 'late') return replyPlan(ctx, meetingMsg.leaveAlreadySigned);
  return {
    statements: [leaveStatement(ctx.db, { meetingId: meeting.id, personId: person.id, at: now, reason })],
    messages: [reply(ctx, meetingMsg.leaveRecorded(viewOf(meeting), reason))],
  };
};
