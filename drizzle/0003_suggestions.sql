CREATE TABLE `ask_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ask_id` integer NOT NULL,
	`answer` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`via` text NOT NULL,
	`event_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ask_answers_ask` ON `ask_answers` (`ask_id`);--> statement-breakpoint
CREATE TABLE `ask_relays` (
	`ask_id` integer NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`outbox_key` text NOT NULL,
	PRIMARY KEY(`ask_id`, `platform`, `chat_id`)
);
--> statement-breakpoint
CREATE INDEX `ask_relays_chat` ON `ask_relays` (`platform`,`chat_id`);--> statement-breakpoint
CREATE TABLE `asks` (
	`id` integer PRIMARY KEY NOT NULL,
	`region_code` text NOT NULL,
	`person_id` text NOT NULL,
	`question` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`thread_id` text,
	`status` text NOT NULL,
	`event_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `asks_region` ON `asks` (`region_code`,`status`);--> statement-breakpoint
CREATE TABLE `record_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`from_tags` text,
	`to_tags` text,
	`related_record_id` text,
	`comment` text,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`event_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_history_version` ON `record_history` (`record_id`,`version`);--> statement-breakpoint
CREATE INDEX `record_history_at` ON `record_history` (`at`);--> statement-breakpoint
CREATE TABLE `record_links` (
	`from_record_id` text NOT NULL,
	`to_record_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`from_record_id`, `to_record_id`)
);
--> statement-breakpoint
CREATE INDEX `record_links_to` ON `record_links` (`to_record_id`);--> statement-breakpoint
CREATE TABLE `record_seconds` (
	`record_id` text NOT NULL,
	`person_id` text NOT NULL,
	`event_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`record_id`, `person_id`)
);
