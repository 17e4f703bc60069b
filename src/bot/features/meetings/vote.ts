import {
  attendanceStatusOf,
  countMotionStatement,
  getMeetingBySeq,
  getMotion,
  insertMotionStatement,
  isMember,
  membersOf,
  membersPresent,
  setRecordStatusStatement,
  voteOf,
  votingMeetingInChat,
  voteStatement,
  type MeetingRow,
} from '../../../db/repo/meetings.js';
import { getRecordBySeq } from '../../../db/repo/records.js';
import { getRegion } from '../../../db/repo/regions.js';
import { getPerson } from '../../../db/repo/people.js';
import { insertHistoryStatement, nextHistoryVersion } from '../../../db/repo/suggestions.js';
import { isWithin, mayUseIn } from '../../../domain/access.js';
import { electorateOf, signinMoment, VOTING_KINDS, type VoteChoice } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import { msg } from '../../../domain/messages.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { actorLabel } from '../core/where.js';
import { personalMessages, reachOf } from '../../engine/scheduler/recipients.js';
import { meetingChat, viewOf } from './view.js';

/** 建议#5, 建议#5 会议#6, 会议#6 建议#5; then optionally the counted show of hands. */
const SUGGESTION_NO = /(?:^|\s)(?:建议)?\s*[#＃]?\s*(\d+)(?=\s|$)/u;
const MEETING_NO = /会议\s*[#＃]\s*(\d+)/u;
const COUNT = /^赞成\s*(\d{1,4})\s*(?:票|人)?\s*[,，、\s]*反对\s*(\d{1,4})\s*(?:票|人)?\s*[,，、\s]*弃权\s*(\d{1,4})\s*(?:票|人)?$/u;
/** A suggestion merged or already under a vote cannot be put to the vote; a rejected one may be reconsidered. */
const FINAL = ['merged', 'voting'];
const CHOICES: Record<string, VoteChoice> = { y: 'yes', n: 'no', a: 'abstain' };

interface VoteArgs {
  seq: number;
  meetingSeq: number | null;
  count: { yes: number; no: number; abstain: number } | null;
}

function parseVoteArgs(args: string): VoteArgs | null {
  let rest = args.trim();
  const meeting = MEETING_NO.exec(rest);
  if (meeting) rest = `${rest.slice(0, meeting.index)} ${rest.slice(meeting.index + meeting[0].length)}`.trim();
  const countAt = rest.search(/赞成/u);
  const countText = countAt === -1 ? '' : rest.slice(countAt).trim();
  const head = (countAt === -1 ? rest : rest.slice(0, countAt)).replace(/[\s,，、:：;；]+$/u, '').trim();
  const s = SUGGESTION_NO.exec(head);
  if (!s || head.replace(s[0], '').trim() !== '') return null;
  let count: VoteArgs['count'] = null;
  if (countText) {
    const c = COUNT.exec(countText);
    if (!c) return null;
    count = { yes: Number(c[1]), no: Number(c[2]), abstain: Number(c[3]) };
  }
  return { seq: Number(s[1]), meetingSeq: meeting ? Number(meeting[1]) : null, count };
}

type Found = { ok: true; meeting: MeetingRow } | { ok: false; plan: Plan };

/**
 * The meeting a vote is for: the one named (会议#6) in this chat, or the 党员大会 / 村民代表会议
 * of this chat whose sign-in is open now. Another kind of meeting open at the same time does
 * not stand in the way.
 */
async function meetingFor(ctx: HandlerContext, meetingSeq: number | null): Promise<Found> {
  const now = ctx.now.getTime();
  if (meetingSeq === null) {
    const m = await votingMeetingInChat(ctx.db, ctx.event.platform, ctx.event.chat.chatId, now);
    return m ? { ok: true, meeting: m } : { ok: false, plan: replyPlan(ctx, meetingMsg.voteNeedsMeeting) };
  }
  const m = await getMeetingBySeq(ctx.db, meetingSeq);
  if (!m || m.platform !== ctx.event.platform || m.chatId !== ctx.event.chat.chatId || m.status === 'draft' || m.status === 'cancelled') {
    return { ok: false, plan: replyPlan(ctx, meetingMsg.voteMeetingNotFound(meetingSeq)) };
  }
  if (!m.kind || !VOTING_KINDS.includes(m.kind)) return { ok: false, plan: replyPlan(ctx, meetingMsg.voteWrongKind(m.kind)) };
  const moment = signinMoment(m, now);
  if (moment === 'not-open' || moment === 'closed' || m.status === 'closed') return { ok: false, plan: replyPlan(ctx, meetingMsg.voteMeetingNotOpen(viewOf(m), ctx.timeZone)) };
  return { ok: true, meeting: m };
}

/**
 * /vote 表决 建议#N [会议#M] — puts a suggestion to the vote of the meeting's electorate (party
 * members at a 党员大会, representatives at a 村民代表会议). With 「赞成 N 反对 N 弃权 N」 after it,
 * the chair enters the counted show of hands of members who have no account.
 */
export const voteCommand: CommandHandler = async (ctx, args) => {
  const parsed = parseVoteArgs(args);
  if (!parsed) return replyPlan(ctx, meetingMsg.voteUsage);
  const found = await meetingFor(ctx, parsed.meetingSeq);
  if (!found.ok) return found.plan;
  const meeting = found.meeting;
  const electorate = electorateOf(meeting.kind);
  if (!electorate) return replyPlan(ctx, meetingMsg.voteWrongKind(meeting.kind));
  if (!ctx.region || ctx.region.code !== meeting.regionCode || !mayUseIn('vote', ctx.actor.roles, ctx.region)) return replyPlan(ctx, msg.forbidden('vote'));
  const seq = parsed.seq;
  const record = await getRecordBySeq(ctx.db, 'suggestion', seq);
  const recordRegion = record ? await getRegion(ctx.db, record.regionCode) : null;
  if (!record || !recordRegion || !isWithin(recordRegion.path, ctx.region.path)) return replyPlan(ctx, meetingMsg.voteNoSuggestion(seq));
  const now = ctx.now.getTime();
  const view = viewOf(meeting);
  const motion = await getMotion(ctx.db, meeting.id, record.id);

  if (parsed.count) {
    if (!motion) return replyPlan(ctx, meetingMsg.voteCountNoMotion(seq));
    if (motion.closedAt !== null) return replyPlan(ctx, meetingMsg.voteClosed);
    const total = parsed.count.yes + parsed.count.no + parsed.count.abstain;
    const present = await membersPresent(ctx.db, meeting.id, meeting.regionCode, electorate);
    if (total > present) return replyPlan(ctx, meetingMsg.voteCountTooMany(total, present, electorate));
    return {
      statements: [countMotionStatement(ctx.db, meeting.id, record.id, { ...parsed.count, by: actorLabel(ctx) })],
      messages: [reply(ctx, meetingMsg.voteCounted(seq, parsed.count, view))],
    };
  }

  if (motion) return replyPlan(ctx, meetingMsg.voteAlreadyOpen(seq));
  if (FINAL.includes(record.status)) return replyPlan(ctx, meetingMsg.voteBadState(seq, record.status));
  const expected = (await membersOf(ctx.db, meeting.regionCode, electorate)).length;
  if (expected === 0) return replyPlan(ctx, meetingMsg.voteNoElectorate(ctx.region.name, electorate));
  const buttons = [(['y', 'n', 'a'] as const).map((c) => ({ label: meetingMsg.voteLabels[CHOICES[c]!], value: `vote:${meeting.seq}:${seq}:${c}` }))];
  const plan: Plan = {
    statements: [
      insertMotionStatement(ctx.db, { meetingId: meeting.id, recordId: record.id, openedBy: actorLabel(ctx), openedAt: now, priorStatus: record.status }),
      setRecordStatusStatement(ctx.db, record.id, 'voting', now),
      // The suggestion's history shows when it went to the vote; its version guards a race.
      insertHistoryStatement(ctx.db, {
        recordId: record.id,
        version: await nextHistoryVersion(ctx.db, record.id),
        action: 'vote',
        fromStatus: record.status,
        toStatus: 'voting',
        comment: `会议#${meeting.seq} 表决`,
        actorId: actorLabel(ctx),
        actorName: ctx.actor.person?.name ?? ctx.event.sender.displayName,
        eventId: ctx.event.eventId,
        at: now,
      }),
    ],
    messages: [reply(ctx, meetingMsg.voteCard(seq, record.text, view, electorate, expected), { buttons })],
  };
  const submitter = await getPerson(ctx.db, record.personId);
  if (submitter) {
    const people = [{ id: submitter.id, name: submitter.name }];
    plan.messages.push(
      ...personalMessages(
        people,
        await reachOf(ctx.db, people),
        (p) => meetingMsg.submitterVoteOpened(p.name, seq, view),
        (t) => `meeting:${meeting.id}:vote:${seq}:opened:${t.platform}:${t.chatId}`,
        // An anonymous author is told in private only: an @mention in the meeting's chat would name them.
        record.anonymous === 1 ? [] : [meetingChat(meeting)],
        (names) => meetingMsg.submitterVoteOpened(names.join('、'), seq, view),
      ),
    );
  }
  return plan;
};

/** vote:<meeting seq>:<suggestion seq>:<y|n|a> — one vote per signed-in member of the electorate. */
export const voteButton: ButtonHandler = async (ctx, [meetingSeq, recordSeq, c]) => {
  const toast = (text: string): Plan => ({ statements: [], messages: [], toast: text });
  const choice = CHOICES[c ?? ''];
  const meeting = await getMeetingBySeq(ctx.db, Number(meetingSeq));
  const record = await getRecordBySeq(ctx.db, 'suggestion', Number(recordSeq));
  if (!choice || !meeting || !record) return toast(msg.buttonExpired);
  // A vote is cast in the meeting's chat; the same button value pressed elsewhere is not a vote.
  if (meeting.platform !== ctx.event.chat.platform || meeting.chatId !== ctx.event.chat.chatId) return toast(meetingMsg.voteOtherChat);
  const motion = await getMotion(ctx.db, meeting.id, record.id);
  const electorate = electorateOf(meeting.kind);
  if (!motion || !electorate) return toast(msg.buttonExpired);
  const now = ctx.now.getTime();
  if (motion.closedAt !== null || now >= meeting.signinClosesAt) return toast(meetingMsg.voteClosed);
  const person = ctx.actor.person;
  if (!person) return toast(meetingMsg.unknownPerson);
  if (!(await isMember(ctx.db, meeting.regionCode, electorate, person.id))) return toast(meetingMsg.voteNotMember(electorate));
  const status = await attendanceStatusOf(ctx.db, meeting.id, person.id);
  if (status !== 'signed' && status !== 'late') return toast(meetingMsg.voteNotSignedIn);
  const earlier = await voteOf(ctx.db, meeting.id, record.id, person.id);
  if (earlier) return toast(meetingMsg.voteAlreadyCast(earlier));
  return {
    statements: [voteStatement(ctx.db, { meetingId: meeting.id, recordId: record.id, personId: person.id, choice, at: now })],
    messages: [],
    toast: meetingMsg.voteCast(choice),
  };
};
