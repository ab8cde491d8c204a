CREATE TABLE `topic_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`subscriber_row_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`identifier` text NOT NULL,
	`name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscriber_row_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topic_subscriptions_topic_identifier` ON `topic_subscriptions` (`topic_id`,`identifier`);--> statement-breakpoint
CREATE INDEX `topic_subscriptions_topic_page` ON `topic_subscriptions` (`topic_id`,`id`);--> statement-breakpoint
CREATE INDEX `topic_subscriptions_subscriber` ON `topic_subscriptions` (`subscriber_row_id`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`key` text NOT NULL,
	`name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_environment_key` ON `topics` (`environment_id`,`key`);