ALTER TABLE `regions` ADD `planning_unit` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `moved_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancel_reason` text;