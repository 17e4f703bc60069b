-- Whether a cadre has signed in at a 恳谈会/座谈会 (the five ones' "talk"), for /stats: the meeting id
-- comes from the index itself instead of one table read per sign-in.
CREATE INDEX IF NOT EXISTS `stats_attendance_person` ON `meeting_attendance` (`person_id`, `status`, `meeting_id`);
