CREATE TABLE `pairings` (
	`region_code` text NOT NULL,
	`person_id` text NOT NULL,
	`paired_by` text NOT NULL,
	`paired_at` integer NOT NULL,
	PRIMARY KEY(`region_code`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `pairings_person` ON `pairings` (`person_id`);--> statement-breakpoint
CREATE TABLE `problem_cases` (
	`record_id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`deadline` text,
	`assigned_by` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`closed_at` integer,
	`close_note` text,
	`closed_by_record_id` text,
	`verdict` text,
	`verdict_comment` text,
	`verdict_at` integer
);
--> statement-breakpoint
CREATE INDEX `problem_cases_owner` ON `problem_cases` (`owner_id`);