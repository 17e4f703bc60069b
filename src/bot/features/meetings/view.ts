import type { MeetingRow } from '../../../db/repo/meetings.js';
import type { MeetingView } from '../../../domain/meetings/messages.js';
import type { OutTarget, Platform } from '../../../domain/types.js';

export function viewOf(m: MeetingRow): MeetingView {
  return {
    seq: m.seq,
    kind: m.kind,
    title: m.title,
    place: m.place,
    startsAt: m.startsAt,
    signinOpensAt: m.signinOpensAt,
    signinClosesAt: m.signinClosesAt,
  };
}

export function meetingChat(m: MeetingRow): OutTarget {
  return { platform: m.platform as Platform, chatId: m.chatId, threadId: m.threadId };
}
