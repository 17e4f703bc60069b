import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who a problem (a `records` row of kind problem) was assigned to, by when, how it was closed and
 * what its raiser said. The status itself stays on the record, so lists and counts read it as
 * before; each step is also a `record_history` row with its actor and time.
 */
export const problemCases = sqliteTable(
  'problem_cases',
  {
    recordId: text('record_id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    /** Last civil date (YYYY-MM-DD in BOT_TIMEZONE), inclusive; null when none was set. */
    deadline: text('deadline'),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: integer('assigned_at').notNull(),
    /** Set when the owner closes it (办结); cleared when the raiser reopens it (不满意). */
    closedAt: integer('closed_at'),
    closeNote: text('close_note'),
    /** The deed the owner closed it with, when closed by 「回应问题#N」. */
    closedByRecordId: text('closed_by_record_id'),
    /** satisfied | mostly | unsatisfied: the raiser's last word. */
    verdict: text('verdict', { enum: ['satisfied', 'mostly', 'unsatisfied'] }),
    verdictComment: text('verdict_comment'),
    verdictAt: integer('verdict_at'),
  },
  (t) => [index('problem_cases_owner').on(t.ownerId)],
);

/**
 * 挂包联系: a station staff member answering for a village. They get its weekly summary and its
 * escalations in private before the station as a whole does.
 */
export const pairings = sqliteTable(
  'pairings',
  {
    regionCode: text('region_code').notNull(),
    personId: text('person_id').notNull(),
    pairedBy: text('paired_by').notNull(),
    pairedAt: integer('paired_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.personId] }), index('pairings_person').on(t.personId)],
);
