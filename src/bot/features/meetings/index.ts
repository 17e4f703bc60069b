import type { Routes } from '../../engine/router.js';
import { leaveCommand, proxyCommand, signinButton, signinCommand } from './attend.js';
import { meetingButton, meetingCommand } from './schedule.js';
import { voteButton, voteCommand } from './vote.js';

/** Meetings: scheduling, sign-in (self, proxy, head count), leave and votes. */
export const meetingRoutes: Partial<Routes> = {
  commands: { meeting: meetingCommand, signin: signinCommand, proxy: proxyCommand, leave: leaveCommand, vote: voteCommand },
  buttons: { mtg: meetingButton, signin: signinButton, vote: voteButton },
};
