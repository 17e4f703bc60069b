CREATE TABLE `meeting_attendance` (
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`status` text NOT NULL,
	`at` integer,
	`proxy_by` text,
	`reason` text,
	PRIMARY KEY(`meeting_id`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `meeting_attendance_person` ON `meeting_attendance` (`person_id`,`status`);--> statement-breakpoint
CREATE TABLE `meeting_motions` (
	`meeting_id` text NOT NULL,
	`record_id` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`prior_status` text NOT NULL,
	`closed_at` integer,
	`yes` integer,
	`no` integer,
	`abstain` integer,
	`passed` integer,
	PRIMARY KEY(`meeting_id`, `record_id`)
);
--> statement-breakpoint
CREATE INDEX `meeting_motions_record` ON `meeting_motions` (`record_id`);--> statement-breakpoint
CREATE TABLE `meeting_votes` (
	`meeting_id` text NOT NULL,
	`record_id` text NOT NULL,
	`person_id` text NOT NULL,
	`choice` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `record_id`, `person_id`)
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text,
	`title` text NOT NULL,
	`place` text,
	`region_code` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`thread_id` text,
	`starts_at` integer NOT NULL,
	`signin_opens_at` integer NOT NULL,
	`signin_closes_at` integer NOT NULL,
	`status` text NOT NULL,
	`villagers` integer DEFAULT 0 NOT NULL,
	`summary` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_seq` ON `meetings` (`seq`);--> statement-breakpoint
CREATE INDEX `meetings_status_start` ON `meetings` (`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `meetings_chat` ON `meetings` (`platform`,`chat_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `meetings_region` ON `meetings` (`region_code`,`starts_at`);--> statement-breakpoint
CREATE TABLE `nudges` (
	`person_id` text NOT NULL,
	`week` text NOT NULL,
	`sent_at` integer NOT NULL,
	`missing` text NOT NULL,
	`escalated` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`person_id`, `week`)
);
--> statement-breakpoint
CREATE INDEX `nudges_sent` ON `nudges` (`sent_at`);--> statement-breakpoint
CREATE TABLE `scheduler_jobs` (
	`key` text PRIMARY KEY NOT NULL,
	`done_at` integer NOT NULL
);
