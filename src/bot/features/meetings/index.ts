import type { Feature, Job } from '../../engine/feature.js';
import { leaveCommand, proxyCommand, signinButton, signinCommand } from './attend.js';
import { runMeetingJobs } from './jobs.js';
import { meetingCancelCommand, meetingMoveCommand } from './change.js';
import { meetingButton, meetingCommand } from './schedule.js';
import { talkCommand } from './talk.js';
import { memberCommand } from './member.js';
import { voteButton, voteCommand } from './vote.js';

/** Reminders 24 h and 1 h before, the sign-in window opening, and the attendance summary. */
const meetingJob: Job = {
  name: 'meetings',
  async run(deps, now) {
    const { done, skipped } = await runMeetingJobs(deps, now);
    return { meetings: done, skipped };
  },
};

/** Meetings: scheduling, sign-in (self, proxy, head count), leave and votes, and their reminders. */
export const meetingsFeature: Feature = {
  name: 'meetings',
  routes: {
    commands: { meeting: meetingCommand, meeting_cancel: meetingCancelCommand, meeting_move: meetingMoveCommand, talk: talkCommand, signin: signinCommand, proxy: proxyCommand, leave: leaveCommand, vote: voteCommand, member: memberCommand },
    buttons: { mtg: meetingButton, signin: signinButton, vote: voteButton },
  },
  jobs: [meetingJob],
};
