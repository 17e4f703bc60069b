import {
  attendanceStatusOf,
  currentMeetingInChat,
  getMeetingBySeq,
  getMotion,
  insertMotionStatement,
  setRecordStatusStatement,
  voteOf,
  voteStatement,
} from '../../../db/repo/meetings.js';
import { getRecordBySeq } from '../../../db/repo/records.js';
import { getRegion } from '../../../db/repo/regions.js';
import { getPerson } from '../../../db/repo/people.js';
import { insertHistoryStatement, nextHistoryVersion } from '../../../db/repo/suggestions.js';
import { isWithin, mayUseIn } from '../../../domain/access.js';
import { signinMoment, VOTING_KINDS, type VoteChoice } from '../../../domain/meetings/index.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import { msg } from '../../../domain/messages.js';
import { reply, replyPlan, type ButtonHandler, type CommandHandler, type Plan } from '../../engine/context.js';
import { actorLabel } from '../core/where.js';
import { personalMessages, reachOf } from '../../engine/scheduler/recipients.js';
import { meetingChat, viewOf } from './view.js';

const SUGGESTION_NO = /^(?:建议)?\s*[#＃]?\s*(\d+)$/u;
/** A suggestion already decided this way cannot be put to the vote. */
const FINAL = ['rejected', 'merged', 'voting'];
const CHOICES: Record<string, VoteChoice> = { y: 'yes', n: 'no', a: 'abstain' };

/** /vote 表决 建议#N — at a 党员大会 or 村民代表会议 while its sign-in is open. */
export const voteCommand: CommandHandler = async (ctx, args) => {
  const m = SUGGESTION_NO.exec(args.trim());
  if (!m) return replyPlan(ctx, meetingMsg.voteUsage);
  const seq = Number(m[1]);
  const now = ctx.now.getTime();
  const meeting = await currentMeetingInChat(ctx.db, ctx.event.platform, ctx.event.chat.chatId, now);
  if (!meeting || meeting.status === 'draft' || signinMoment(meeting, now) === 'not-open') return replyPlan(ctx, meetingMsg.voteNeedsMeeting);
  if (!meeting.kind || !VOTING_KINDS.includes(meeting.kind)) return replyPlan(ctx, meetingMsg.voteWrongKind(meeting.kind));
  if (!ctx.region || ctx.region.code !== meeting.regionCode || !mayUseIn('vote', ctx.actor.roles, ctx.region)) return replyPlan(ctx, msg.forbidden('vote'));
  const record = await getRecordBySeq(ctx.db, 'suggestion', seq);
  const recordRegion = record ? await getRegion(ctx.db, record.regionCode) : null;
  if (!record || !recordRegion || !isWithin(recordRegion.path, ctx.region.path)) return replyPlan(ctx, meetingMsg.voteNoSuggestion(seq));
  if (await getMotion(ctx.db, meeting.id, record.id)) return replyPlan(ctx, meetingMsg.voteAlreadyOpen(seq));
  if (FINAL.includes(record.status)) return replyPlan(ctx, meetingMsg.voteBadState(seq, record.status));
  const view = viewOf(meeting);
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
    messages: [reply(ctx, meetingMsg.voteCard(seq, record.text, view), { buttons })],
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
        [meetingChat(meeting)],
        (names) => meetingMsg.submitterVoteOpened(names.join('、'), seq, view),
      ),
    );
  }
  return plan;
};

/** vote:<meeting seq>:<suggestion seq>:<y|n|a> — one vote per signed-in person. */
export const voteButton: ButtonHandler = async (ctx, [meetingSeq, recordSeq, c]) => {
  const toast = (text: string): Plan => ({ statements: [], messages: [], toast: text });
  const choice = CHOICES[c ?? ''];
  const meeting = await getMeetingBySeq(ctx.db, Number(meetingSeq));
  const record = await getRecordBySeq(ctx.db, 'suggestion', Number(recordSeq));
  if (!choice || !meeting || !record) return toast(msg.buttonExpired);
  // A vote is cast in the meeting's chat; the same button value pressed elsewhere is not a vote.
  if (meeting.platform !== ctx.event.chat.platform || meeting.chatId !== ctx.event.chat.chatId) return toast(meetingMsg.voteOtherChat);
  const motion = await getMotion(ctx.db, meeting.id, record.id);
  if (!motion) return toast(msg.buttonExpired);
  const now = ctx.now.getTime();
  if (motion.closedAt !== null || now >= meeting.signinClosesAt) return toast(meetingMsg.voteClosed);
  const person = ctx.actor.person;
  if (!person) return toast(meetingMsg.unknownPerson);
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
