CREATE TABLE `claim_attempts` (
	`subject` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `identities` ADD `matched_by` text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE `join_requests` ADD `kind` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `join_requests` ADD `person_id` text;--> statement-breakpoint
ALTER TABLE `people` ADD `employee_no` text;--> statement-breakpoint
CREATE INDEX `people_phone` ON `people` (`phone`);--> statement-breakpoint
CREATE INDEX `people_employee_no` ON `people` (`employee_no`);