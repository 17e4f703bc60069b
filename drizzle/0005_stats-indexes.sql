-- Indexes for /stats and the dashboard (src/db/repo/stats.ts). They cover the grouped queries so
-- a county's figures are read from the indexes alone, without touching the table rows.
-- Activity per village: kind, period and status without reading the records themselves.
CREATE INDEX IF NOT EXISTS `stats_records_region` ON `records` (`region_code`, `kind`, `created_at`, `status`);
--> statement-breakpoint
-- Whether a cadre organised a 恳谈会/座谈会 (the five ones' "talk"); without it every cadre scans all meetings.
CREATE INDEX IF NOT EXISTS `stats_meetings_organiser` ON `meetings` (`created_by`, `kind`, `status`);
--> statement-breakpoint
-- Sign-ins per meeting and the latest sign-in time, read from the index.
CREATE INDEX IF NOT EXISTS `stats_attendance_meeting` ON `meeting_attendance` (`meeting_id`, `status`, `at`);
