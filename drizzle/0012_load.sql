CREATE TABLE `pauses` (
	`person_id` text PRIMARY KEY NOT NULL,
	`until` text NOT NULL,
	`reason` text,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `person_activity` (
	`person_id` text PRIMARY KEY NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `records` ADD `anonymous` integer DEFAULT 0 NOT NULL;