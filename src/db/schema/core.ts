import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { JOIN_REQUEST_KINDS, MATCHED_BY } from '../../domain/identity/claims.js';

// Times are epoch milliseconds (integer): cheap to compare and the same on better-sqlite3 and D1.

export const regions = sqliteTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['city', 'county', 'township', 'village'] }).notNull(),
    parentCode: text('parent_code'),
    path: text('path').notNull(),
    fullName: text('full_name').notNull(),
    /** A village's planning technical unit (规划编制技术单位), named on the forwarding document. */
    planningUnit: text('planning_unit'),
    /** The name in the official division code list (温泉村民委员会); null for regions an operator added. */
    officialName: text('official_name'),
  },
  (t) => [index('regions_parent').on(t.parentCode), index('regions_name').on(t.name), index('regions_path').on(t.path)],
);

/** Everyone the bot knows as a person: roster cadres, council members, station staff. */
export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    phone: text('phone'),
    /** Employee number (工号) in the organisation's directory, when the roster gives one. */
    employeeNo: text('employee_no'),
    workUnit: text('work_unit'),
    /** Home village for cadres; the station or council region for others. */
    homeRegion: text('home_region'),
    /** 1 when the person came from the official roster (or was approved into it). */
    onRoster: integer('on_roster').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('people_home_name').on(t.homeRegion, t.name), index('people_phone').on(t.phone), index('people_employee_no').on(t.employeeNo)],
);

/** A platform account linked to a person. One person may have several, one per platform. */
export const identities = sqliteTable(
  'identities',
  {
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    personId: text('person_id').notNull(),
    displayName: text('display_name').notNull(),
    username: text('username'),
    /** Set when the platform said this person blocked the bot (private messages impossible). */
    unreachableAt: integer('unreachable_at'),
    /**
     * How the account was tied to the person, kept so a station can tell a directory match from a
     * phone-tail claim when something looks wrong. Rows made by operators (seed, import) are 'import'.
     */
    matchedBy: text('matched_by', { enum: MATCHED_BY }).notNull().default('import'),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.userId] }), index('identities_person').on(t.personId)],
);

export const roles = sqliteTable(
  'roles',
  {
    personId: text('person_id').notNull(),
    role: text('role', { enum: ['admin', 'county_station', 'township_station', 'council', 'leader', 'cadre'] }).notNull(),
    regionCode: text('region_code').notNull(),
    grantedAt: integer('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role, t.regionCode] }), index('roles_region').on(t.regionCode, t.role)],
);

export const chats = sqliteTable(
  'chats',
  {
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    /** Forum topic the chat's messages go to (kept so reminders land in the right topic). */
    threadId: text('thread_id'),
    type: text('type', { enum: ['group', 'private'] }).notNull(),
    title: text('title'),
    regionCode: text('region_code'),
    purpose: text('purpose', { enum: ['village', 'council', 'township_station', 'county_station', 'task_force'] }),
    /** 0 once the bot was removed or the platform refuses to deliver there; nothing is sent then. */
    active: integer('active').notNull().default(1),
    boundBy: text('bound_by'),
    boundAt: integer('bound_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] }), index('chats_region').on(t.regionCode, t.purpose)],
);

export const joinRequests = sqliteTable(
  'join_requests',
  {
    /** The number people see (申请#N); assigned as max+1 and guarded by the primary key. */
    id: integer('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    name: text('name').notNull(),
    phone4: text('phone4'),
    /**
     * new: someone not on the roster; claim: a roster entry claimed without proof (a leader or the
     * station decides); station_claim: one only the station decides (roles beyond cadre, too many
     * wrong tails, the directory disagrees); transfer: an entry another account already holds.
     */
    kind: text('kind', { enum: JOIN_REQUEST_KINDS }).notNull().default('new'),
    /** The roster entry a claim or transfer is for. */
    personId: text('person_id'),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('join_requests_region').on(t.regionCode, t.status), index('join_requests_user').on(t.platform, t.userId, t.status)],
);

/** Suggestions, deeds, visits, problems and rule proposals: what cadres send. */
export const records = sqliteTable(
  'records',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['suggestion', 'deed', 'visit', 'problem', 'rule'] }).notNull(),
    /** The number people see (建议#12): per kind, city-wide, so it is unambiguous in station chats. */
    seq: integer('seq').notNull(),
    regionCode: text('region_code').notNull(),
    personId: text('person_id').notNull(),
    text: text('text').notNull(),
    status: text('status').notNull(),
    /** JSON array of attachments (platform file ids) kept as evidence. */
    evidence: text('evidence'),
    category: text('category'),
    /** 1 for an anonymous suggestion: the village sees 匿名, the township station sees the author. */
    anonymous: integer('anonymous').notNull().default(0),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    eventId: text('event_id').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('records_kind_seq').on(t.kind, t.seq),
    // By village, kind and time: `stats_records_region` (drizzle/0005), which also covers status.
    // created_at too: the minute tick's last activity per person reads the index alone, not every record.
    index('records_person').on(t.personId, t.kind, t.createdAt),
  ],
);

/** A multi-step exchange (e.g. "请发送建议内容"), kept in the database so it survives restarts. */
export const conversations = sqliteTable(
  'conversations',
  {
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    data: text('data').notNull(),
    expiresAt: integer('expires_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.userId] })],
);

/**
 * One row per platform event handled, written in the same atomic write as its effects. Rows are
 * kept for 7 days (PROCESSED_RETENTION_MS), past every platform's redelivery window.
 */
export const processedEvents = sqliteTable(
  'processed_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    processedAt: integer('processed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('processed_events_at').on(t.processedAt)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Unique per message: a replayed event or tick inserts nothing new (INSERT OR IGNORE). */
    key: text('key').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    threadId: text('thread_id'),
    /** JSON of the platform-neutral message (text, title, buttons, replyTo). */
    payload: text('payload').notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** A claimed row whose sender crashed becomes pending again after this time. */
    leaseUntil: integer('lease_until'),
    lastError: text('last_error'),
    /** Platform message id once sent (for later edits of cards). */
    sentMessageId: text('sent_message_id'),
    /**
     * Parts already delivered of a message the platform takes in parts (a long text split by the sender): a
     * retry starts after them instead of repeating them.
     */
    partsSent: integer('parts_sent').notNull().default(0),
    /** The file (files.id) the payload's attachment refers to; pruning keeps files still wanted. */
    fileId: text('file_id'),
    /**
     * 1 for a message of scheduled work. Its key is its once-only guard (a village's count line
     * once a month, a digest once a week), so retention empties its payload but keeps the row;
     * replies to events are guarded by processed_events instead, and their rows go after a week.
     */
    scheduled: integer('scheduled').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_key').on(t.key),
    index('outbox_due').on(t.state, t.nextAttemptAt),
    index('outbox_chat').on(t.platform, t.chatId, t.id),
    // Partial: the few rows with a file, so the many without cost no index write.
    index('outbox_file').on(t.fileId).where(sql`file_id is not null`),
  ],
);

