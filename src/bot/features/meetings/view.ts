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

/**
 * Prefix of a meeting's scheduled-work and outbox keys. A moved meeting's keys name its new time,
 * so the reminders of the new time never collide with those already sent for the old one.
 */
export function meetingKey(m: Pick<MeetingRow, 'id' | 'movedAt' | 'startsAt'>): string {
  return m.movedAt === null ? `meeting:${m.id}` : `meeting:${m.id}@${m.startsAt}`;
}
