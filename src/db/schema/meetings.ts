import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are epoch milliseconds, like the core tables.

/** A scheduled meeting (恳谈会, 座谈会, 党员大会 …) held in one bound chat. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    /** The number people see (会议#N), city-wide. */
    seq: integer('seq').notNull(),
    /** Null only while a draft waits for its kind to be chosen. */
    kind: text('kind', { enum: ['talk', 'seminar', 'party', 'representatives', 'joint', 'council'] }),
    title: text('title').notNull(),
    place: text('place'),
    regionCode: text('region_code').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    threadId: text('thread_id'),
    startsAt: integer('starts_at').notNull(),
    /** Sign-in window, stored per meeting so it can differ from the defaults. */
    signinOpensAt: integer('signin_opens_at').notNull(),
    signinClosesAt: integer('signin_closes_at').notNull(),
    /** draft: waiting for the organiser to confirm the time or pick the kind. */
    status: text('status', { enum: ['draft', 'scheduled', 'open', 'closed', 'cancelled'] }).notNull(),
    /** Villagers without an account, signed in as a head count by the leader or a council member. */
    villagers: integer('villagers').notNull().default(0),
    /** JSON attendance summary written when the window closes. */
    summary: text('summary'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Last 改期: reminders are due only after it, and the keys of its reminders name the new time. */
    movedAt: integer('moved_at'),
    /** Why it was cancelled (取消会议 … 理由), shown in the ledger. */
    cancelReason: text('cancel_reason'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('meetings_seq').on(t.seq),
    index('meetings_status_start').on(t.status, t.startsAt),
    index('meetings_chat').on(t.platform, t.chatId, t.startsAt),
    index('meetings_region').on(t.regionCode, t.startsAt),
  ],
);

/**
 * Who was invited and how they attended. Invitees are written as `invited` when the meeting is
 * scheduled; whoever is still `invited` when the window closes was absent.
 */
export const meetingAttendance = sqliteTable(
  'meeting_attendance',
  {
    meetingId: text('meeting_id').notNull(),
    personId: text('person_id').notNull(),
    status: text('status', { enum: ['invited', 'signed', 'late', 'leave'] }).notNull(),
    at: integer('at'),
    /** Person who signed in on someone's behalf (代签). */
    proxyBy: text('proxy_by'),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index('meeting_attendance_person').on(t.personId, t.status)],
);

/** A suggestion put to the vote at a meeting (充分论证); the tally is stored when the meeting closes. */
export const meetingMotions = sqliteTable(
  'meeting_motions',
  {
    meetingId: text('meeting_id').notNull(),
    recordId: text('record_id').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: integer('opened_at').notNull(),
    /** Status the suggestion had before the vote; it returns to it once the result is stored. */
    priorStatus: text('prior_status').notNull(),
    closedAt: integer('closed_at'),
    yes: integer('yes'),
    no: integer('no'),
    abstain: integer('abstain'),
    passed: integer('passed'),
    /** Members due to attend (应到) and present (实到) when the vote closed: party members or representatives. */
    expected: integer('expected'),
    present: integer('present'),
    /** adopted | rejected | invalid (无效：未达法定人数); null while open. */
    outcome: text('outcome', { enum: ['adopted', 'rejected', 'invalid'] }),
    /** Set when the chair entered the counted show of hands (计票) instead of the buttons' tally. */
    countedBy: text('counted_by'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.recordId] }), index('meeting_motions_record').on(t.recordId)],
);

/**
 * Who may vote where: a village's party members (党员) and villager representatives (村民代表).
 * Many of them have no account; they are people rows without identities, signed in by name (代签).
 */
export const villageMembers = sqliteTable(
  'village_members',
  {
    regionCode: text('region_code').notNull(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: ['party', 'representative'] }).notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.kind, t.personId] }), index('village_members_person').on(t.personId)],
);

export const meetingVotes = sqliteTable(
  'meeting_votes',
  {
    meetingId: text('meeting_id').notNull(),
    recordId: text('record_id').notNull(),
    personId: text('person_id').notNull(),
    choice: text('choice', { enum: ['yes', 'no', 'abstain'] }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.recordId, t.personId] })],
);

/**
 * One row per piece of scheduled work done (a reminder, a digest, a window closing). Inserted
 * plainly in the same write as its messages: a second tick doing the same work fails the whole
 * write, so it sends nothing.
 */
export const schedulerJobs = sqliteTable('scheduler_jobs', {
  key: text('key').primaryKey(),
  doneAt: integer('done_at').notNull(),
});

/** Weekly five-ones reminders to cadres; at most one per person per ISO week. */
export const nudges = sqliteTable(
  'nudges',
  {
    personId: text('person_id').notNull(),
    /** ISO week in BOT_TIMEZONE, e.g. 2026-W49. */
    week: text('week').notNull(),
    sentAt: integer('sent_at').notNull(),
    /** JSON array of the five-ones items still missing when the nudge went out. */
    missing: text('missing').notNull(),
    /** 1 when this nudge also told the township station (after three unanswered). */
    escalated: integer('escalated').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.personId, t.week] }), index('nudges_sent').on(t.sentAt)],
);
