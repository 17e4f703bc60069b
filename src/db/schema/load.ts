import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A cadre's pause (借调, illness, family): no reminders and not counted in completion rates until
 * `until` has passed. One row per person; /resume deletes it, and it ends by itself.
 */
export const pauses = sqliteTable('pauses', {
  personId: text('person_id').primaryKey(),
  /** Last civil date of the pause (YYYY-MM-DD in BOT_TIMEZONE), inclusive. */
  until: text('until').notNull(),
  reason: text('reason'),
  setBy: text('set_by').notNull(),
  setAt: integer('set_at').notNull(),
});

/**
 * When each person last did anything with the bot (a record, a sign-in, a vote, a review, a look
 * at 我的): any of it answers a reminder, so nobody is escalated while taking part.
 */
export const personActivity = sqliteTable('person_activity', {
  personId: text('person_id').primaryKey(),
  lastAt: integer('last_at').notNull(),
});
