CREATE TABLE `village_members` (
	`region_code` text NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`region_code`, `kind`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `village_members_person` ON `village_members` (`person_id`);--> statement-breakpoint
ALTER TABLE `meeting_motions` ADD `expected` integer;--> statement-breakpoint
ALTER TABLE `meeting_motions` ADD `present` integer;--> statement-breakpoint
ALTER TABLE `meeting_motions` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `meeting_motions` ADD `counted_by` text;