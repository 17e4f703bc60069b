import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Values the liaison-station features keep for themselves, such as the dashboard signing secret
 * generated when DASHBOARD_SECRET is not configured (so links survive restarts of this database).
 */
export const stationSettings = sqliteTable('station_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
});
