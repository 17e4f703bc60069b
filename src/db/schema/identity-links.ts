import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One-time codes that link a second platform account to the same person (/link 绑定账号). A code
 * lives ten minutes and is deleted when used, so it cannot be replayed.
 */
export const linkCodes = sqliteTable(
  'link_codes',
  {
    code: text('code').primaryKey(),
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    username: text('username'),
    /** Private chat the code was asked for in, so the issuer hears when the link is made. */
    chatId: text('chat_id').notNull(),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('link_codes_user').on(t.platform, t.userId), index('link_codes_expires').on(t.expiresAt)],
);

/**
 * Wrong codes per account. Six digits are guessable by brute force, and a guessed code would hand
 * the guesser another person's roles, so an account gets a few tries per window.
 */
export const linkAttempts = sqliteTable(
  'link_attempts',
  {
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    failures: integer('failures').notNull(),
    windowStart: integer('window_start').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.userId] })],
);

/** Which person absorbed which when two accounts were linked; kept so the merge can be traced. */
export const personMerges = sqliteTable('person_merges', {
  fromPersonId: text('from_person_id').primaryKey(),
  intoPersonId: text('into_person_id').notNull(),
  mergedAt: integer('merged_at').notNull(),
});

/**
 * Wrong phone tails per sender ('<platform>:<user id>') and per roster entry ('person:<id>').
 * Four digits fall to a few thousand tries, so each side gets a few a day; after that a claim
 * becomes a request the station decides.
 */
export const claimAttempts = sqliteTable('claim_attempts', {
  subject: text('subject').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
});
