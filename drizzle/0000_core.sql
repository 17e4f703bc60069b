CREATE TABLE `chats` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`thread_id` text,
	`type` text NOT NULL,
	`title` text,
	`region_code` text,
	`purpose` text,
	`active` integer DEFAULT 1 NOT NULL,
	`bound_by` text,
	`bound_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`)
);
--> statement-breakpoint
CREATE INDEX `chats_region` ON `chats` (`region_code`,`purpose`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`expires_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `identities` (
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`person_id` text NOT NULL,
	`display_name` text NOT NULL,
	`username` text,
	`unreachable_at` integer,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `identities_person` ON `identities` (`person_id`);--> statement-breakpoint
CREATE TABLE `join_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`region_code` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`name` text NOT NULL,
	`phone4` text,
	`status` text NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `join_requests_region` ON `join_requests` (`region_code`,`status`);--> statement-breakpoint
CREATE INDEX `join_requests_user` ON `join_requests` (`platform`,`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`thread_id` text,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`sent_message_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_chat` ON `outbox` (`platform`,`chat_id`,`id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`work_unit` text,
	`home_region` text,
	`on_roster` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `people_home_name` ON `people` (`home_region`,`name`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`platform` text NOT NULL,
	`event_id` text NOT NULL,
	`processed_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `processed_events_at` ON `processed_events` (`processed_at`);--> statement-breakpoint
CREATE TABLE `records` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	`region_code` text NOT NULL,
	`person_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`evidence` text,
	`category` text,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`event_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_kind_seq` ON `records` (`kind`,`seq`);--> statement-breakpoint
CREATE INDEX `records_region_kind` ON `records` (`region_code`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `records_person` ON `records` (`person_id`,`kind`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`path` text NOT NULL,
	`full_name` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regions_parent` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE INDEX `regions_name` ON `regions` (`name`);--> statement-breakpoint
CREATE INDEX `regions_path` ON `regions` (`path`);--> statement-breakpoint
CREATE TABLE `roles` (
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`region_code` text NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `role`, `region_code`)
);
--> statement-breakpoint
CREATE INDEX `roles_region` ON `roles` (`region_code`,`role`);