import { chatsForRegion, getChat } from '../../../db/repo/chats.js';
import {
  attendanceOf,
  closeMotionStatement,
  meetingsToSchedule,
  membersOf,
  membersPresent,
  openMotionsOf,
  setRecordStatusStatement,
  updateMeetingStatement,
  votesOf,
  type MeetingRow,
} from '../../../db/repo/meetings.js';
import { getPerson } from '../../../db/repo/people.js';
import { doneJobs } from '../../../db/repo/scheduler.js';
import { insertHistoryStatement, nextHistoryVersion } from '../../../db/repo/suggestions.js';
import type { Store } from '../../../db/store.js';
import { decideVote, dueMeetingActions, electorateOf, MEETING_LOOKAHEAD_MS, summarise, tally, type MeetingAction, type VoteOutcome } from '../../../domain/meetings/index.js';
import { ANONYMOUS_LABEL } from '../../../domain/anonymous.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import type { OutMessage, Platform } from '../../../domain/types.js';
import { meetingChat, meetingKey, viewOf } from './view.js';
import { commitWork, type ScheduledWork } from '../../engine/scheduler/commit.js';
import { personalMessages, reachOf } from '../../engine/scheduler/recipients.js';

const ACTIONS: readonly MeetingAction[] = ['remind-24h', 'remind-1h', 'open', 'close'];
const jobKey = (m: MeetingRow, a: MeetingAction) => `${meetingKey(m)}:${a}`;

export interface MeetingJobDeps {
  store: Store;
  timeZone: string;
}

/** Reminders, window opening and the attendance summary of every meeting with work due. */
export async function runMeetingJobs(deps: MeetingJobDeps, now: number): Promise<{ done: number; skipped: number }> {
  const db = deps.store.db;
  let done = 0;
  let skipped = 0;
  for (const m of await meetingsToSchedule(db, now + MEETING_LOOKAHEAD_MS)) {
    const finished = await doneJobs(db, ACTIONS.map((a) => jobKey(m, a)));
    const doneActions = new Set(ACTIONS.filter((a) => finished.has(jobKey(m, a))));
    for (const action of dueMeetingActions(m, doneActions, now)) {
      const work = await workFor(deps, m, action, now);
      if (await commitWork(deps.store, work, now)) done++;
      else skipped++;
    }
  }
  return { done, skipped };
}

async function workFor(deps: MeetingJobDeps, m: MeetingRow, action: MeetingAction, now: number): Promise<ScheduledWork> {
  switch (action) {
    case 'remind-24h':
      return reminder(deps, m, '24h');
    case 'remind-1h':
      return reminder(deps, m, '1h');
    case 'open':
      return {
        jobKey: jobKey(m, action),
        statements: [updateMeetingStatement(deps.store.db, m.id, { status: 'open', updatedAt: now })],
        messages: [
          {
            to: meetingChat(m),
            text: meetingMsg.windowOpen(viewOf(m), deps.timeZone),
            title: meetingMsg.signinLabel,
            buttons: [[{ label: meetingMsg.signinLabel, value: `signin:${m.seq}` }]],
            key: `${meetingKey(m)}:open`,
          },
        ],
      };
    case 'close':
      return close(deps, m, now);
  }
}

/**
 * In the meeting chat, @mentioning invitees who cannot be reached in private; in private to
 * everyone still expected (council members, the leader, invited cadres) who can be.
 */
async function reminder(deps: MeetingJobDeps, m: MeetingRow, lead: '24h' | '1h'): Promise<ScheduledWork> {
  const db = deps.store.db;
  const chat = meetingChat(m);
  const view = viewOf(m);
  const expected = (await attendanceOf(db, m.id)).filter((a) => a.status === 'invited').map((a) => ({ id: a.personId, name: a.name }));
  const reach = await reachOf(db, expected);
  const chatRow = await getChat(db, chat.platform, chat.chatId);
  const place = chatRow?.title ?? '本群';
  const messages: OutMessage[] = [];
  const unreached = expected.filter((p) => (reach.get(p.id)?.private.length ?? 0) === 0);
  const mentions = unreached.flatMap((p) => (reach.get(p.id)?.mentions ?? []).filter((x) => x.platform === chat.platform).map((x) => ({ userId: x.userId, name: x.name })));
  if (!chatRow || chatRow.active === 1) {
    messages.push({
      to: chat,
      text: meetingMsg.reminder(view, deps.timeZone, lead),
      key: `${meetingKey(m)}:remind:${lead}:${chat.platform}:${chat.chatId}`,
      ...(mentions.length ? { mentions } : {}),
    });
  }
  const reachable = expected.filter((p) => (reach.get(p.id)?.private.length ?? 0) > 0);
  messages.push(
    ...personalMessages(
      reachable,
      reach,
      () => meetingMsg.reminderPrivate(view, deps.timeZone, lead, place),
      (t) => `${meetingKey(m)}:remind:${lead}:${t.platform}:${t.chatId}`,
      [],
      () => '',
    ),
  );
  return { jobKey: jobKey(m, lead === '24h' ? 'remind-24h' : 'remind-1h'), statements: [], messages };
}

/** Adopted: 采纳 (a forwarded one stays forwarded); rejected: 不采纳; void: as before the vote. */
function statusAfter(outcome: VoteOutcome, prior: string): string {
  if (outcome === 'adopted') return prior === 'forwarded' ? 'forwarded' : 'adopted';
  if (outcome === 'rejected') return 'rejected';
  return prior;
}

/** The attendance summary, stored with the meeting, and the results of its votes. */
async function close(deps: MeetingJobDeps, m: MeetingRow, now: number): Promise<ScheduledWork> {
  const db = deps.store.db;
  const view = viewOf(m);
  const entries = (await attendanceOf(db, m.id)).map((a) => ({ name: a.name, status: a.status, proxy: a.proxyBy !== null, reason: a.reason }));
  const summary = summarise(entries, m.villagers);
  const work: ScheduledWork = {
    jobKey: jobKey(m, 'close'),
    statements: [updateMeetingStatement(db, m.id, { status: 'closed', summary: JSON.stringify(summary), updatedAt: now })],
    messages: [{ to: meetingChat(m), text: meetingMsg.summary(view, summary), title: '签到汇总', key: `${meetingKey(m)}:summary` }],
  };
  // Names of who was late or absent go to the organiser alone, never to the group.
  const organiser = await getPerson(db, m.createdBy);
  if (organiser) {
    const people = [{ id: organiser.id, name: organiser.name }];
    work.messages.push(
      ...personalMessages(
        people,
        await reachOf(db, people),
        () => meetingMsg.summaryPrivate(view, summary),
        (t) => `meeting:${m.id}:summary:organiser:${t.platform}:${t.chatId}`,
        [],
        () => '',
        { title: '签到名单' },
      ),
    );
  }
  const electorate = electorateOf(m.kind);
  const motions = electorate ? await openMotionsOf(db, m.id) : [];
  if (!electorate || motions.length === 0) return work;
  const expected = (await membersOf(db, m.regionCode, electorate)).length;
  const present = await membersPresent(db, m.id, m.regionCode, electorate);
  // 公示: the village's own groups hear every result; the meeting's chat has it already.
  const villageChats = (await chatsForRegion(db, m.regionCode, 'village')).filter((c) => !(c.platform === m.platform && c.chatId === m.chatId));
  for (const motion of motions) {
    const { recordId, priorStatus } = motion.motion;
    const counted = motion.motion.countedBy !== null
      ? { yes: motion.motion.yes ?? 0, no: motion.motion.no ?? 0, abstain: motion.motion.abstain ?? 0 }
      : tally(await votesOf(db, m.id, recordId, m.regionCode, electorate));
    const figures = { expected, present, ...counted };
    const decision = decideVote(electorate, figures);
    const status = statusAfter(decision.outcome, priorStatus);
    work.statements.push(
      closeMotionStatement(db, m.id, recordId, { ...figures, outcome: decision.outcome, at: now }),
      setRecordStatusStatement(db, recordId, status, now),
      // The meeting is the decision's entry in the suggestion's history: adopted or rejected by
      // it, or a void vote that changed nothing.
      insertHistoryStatement(db, {
        recordId,
        version: await nextHistoryVersion(db, recordId),
        action: decision.outcome === 'adopted' ? 'adopt' : decision.outcome === 'rejected' ? 'reject' : 'vote-result',
        fromStatus: 'voting',
        toStatus: status,
        comment: meetingMsg.voteHistory(view, figures, decision.outcome),
        actorId: `meeting:${m.id}`,
        actorName: `会议#${m.seq}`,
        eventId: `meeting:${m.id}:close`,
        at: now,
      }),
    );
    work.messages.push({
      to: meetingChat(m),
      text: meetingMsg.voteResult(motion.seq, electorate, figures, decision, view),
      key: `meeting:${m.id}:vote:${motion.seq}:result`,
    });
    const submitter = await getPerson(db, motion.personId);
    const proposer = motion.anonymous === 1 || !submitter ? ANONYMOUS_LABEL : submitter.name;
    for (const c of villageChats) {
      work.messages.push({
        to: { platform: c.platform as Platform, chatId: c.chatId, threadId: c.threadId },
        text: meetingMsg.voteNotice(motion.seq, motion.text, proposer, figures, decision.outcome, view),
        key: `meeting:${m.id}:vote:${motion.seq}:notice:${c.platform}:${c.chatId}`,
      });
    }
    if (submitter) {
      const people = [{ id: submitter.id, name: submitter.name }];
      work.messages.push(
        ...personalMessages(
          people,
          await reachOf(db, people),
          (p) => meetingMsg.submitterVoteResult(p.name, motion.seq, figures, decision.outcome),
          (t) => `meeting:${m.id}:vote:${motion.seq}:told:${t.platform}:${t.chatId}`,
          [],
          () => '',
        ),
      );
    }
  }
  return work;
}
