DROP INDEX `records_person`;--> statement-breakpoint
CREATE INDEX `records_person` ON `records` (`person_id`,`kind`,`created_at`);