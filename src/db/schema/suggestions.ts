import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every change of a record's status or category tags (review decisions, forwarding, a problem
 * resolved by a deed): who, when and why. `version` counts changes per record; its unique index
 * makes two reviewers deciding at once produce one decision, the other is re-decided from fresh
 * reads by the pipeline.
 */
export const recordHistory = sqliteTable(
  'record_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    /** adopt | reject | merge | forward | tag | resolve */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    fromTags: text('from_tags'),
    toTags: text('to_tags'),
    /** The other record involved: the suggestion merged into, or the deed that resolved a problem. */
    relatedRecordId: text('related_record_id'),
    comment: text('comment'),
    /** Person id of the actor (or platform:user for someone not on any roster). */
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    eventId: text('event_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('record_history_version').on(t.recordId, t.version), index('record_history_at').on(t.at)],
);

/** 附议: a person backing an earlier suggestion instead of filing the same one again. */
export const recordSeconds = sqliteTable(
  'record_seconds',
  {
    recordId: text('record_id').notNull(),
    personId: text('person_id').notNull(),
    eventId: text('event_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.personId] })],
);

/** A deed answering a suggestion or problem, or a rule proposal coming from a suggestion. */
export const recordLinks = sqliteTable(
  'record_links',
  {
    fromRecordId: text('from_record_id').notNull(),
    toRecordId: text('to_record_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromRecordId, t.toRecordId] }), index('record_links_to').on(t.toRecordId)],
);

/** 咨询: a cadre's question relayed to the township station (问#N, numbered city-wide). */
export const asks = sqliteTable(
  'asks',
  {
    id: integer('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    personId: text('person_id').notNull(),
    question: text('question').notNull(),
    /** Where the question was asked: the answer goes back there. */
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    threadId: text('thread_id'),
    status: text('status', { enum: ['open', 'answered'] }).notNull(),
    eventId: text('event_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('asks_region').on(t.regionCode, t.status)],
);

/**
 * The relayed copy of a question in a station chat. Its outbox key leads to the platform message
 * id once sent, so a reply to that message finds the question.
 */
export const askRelays = sqliteTable(
  'ask_relays',
  {
    askId: integer('ask_id').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    outboxKey: text('outbox_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.askId, t.platform, t.chatId] }), index('ask_relays_chat').on(t.platform, t.chatId)],
);

export const askAnswers = sqliteTable(
  'ask_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    askId: integer('ask_id').notNull(),
    answer: text('answer').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    /** reply: answered by replying to the relayed message; command: by 答复 问#N. */
    via: text('via', { enum: ['reply', 'command'] }).notNull(),
    eventId: text('event_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('ask_answers_ask').on(t.askId)],
);
