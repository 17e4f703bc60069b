CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`bytes` blob NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `file_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `scheduled` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_file` ON `outbox` (`file_id`) WHERE file_id is not null;