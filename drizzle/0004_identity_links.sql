CREATE TABLE `link_attempts` (
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	PRIMARY KEY(`platform`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `link_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`username` text,
	`chat_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `link_codes_user` ON `link_codes` (`platform`,`user_id`);--> statement-breakpoint
CREATE INDEX `link_codes_expires` ON `link_codes` (`expires_at`);--> statement-breakpoint
CREATE TABLE `person_merges` (
	`from_person_id` text PRIMARY KEY NOT NULL,
	`into_person_id` text NOT NULL,
	`merged_at` integer NOT NULL
);
