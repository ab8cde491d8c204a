ALTER TABLE `notification_events` ADD `tenant` text;--> statement-breakpoint
ALTER TABLE `notification_events` ADD `context_keys` text DEFAULT '[]' NOT NULL;