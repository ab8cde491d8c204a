CREATE TABLE `channel_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`identifier` text NOT NULL,
	`channel` text NOT NULL,
	`provider_id` text NOT NULL,
	`integration_identifier` text NOT NULL,
	`subscriber_id` text,
	`context_keys` text NOT NULL,
	`workspace` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_connections_environment_identifier` ON `channel_connections` (`environment_id`,`identifier`);--> statement-breakpoint
CREATE TABLE `channel_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`identifier` text NOT NULL,
	`channel` text NOT NULL,
	`provider_id` text NOT NULL,
	`integration_identifier` text NOT NULL,
	`connection_identifier` text,
	`subscriber_id` text,
	`context_keys` text NOT NULL,
	`type` text NOT NULL,
	`endpoint` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_endpoints_environment_identifier` ON `channel_endpoints` (`environment_id`,`identifier`);--> statement-breakpoint
CREATE TABLE `contexts` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`type` text NOT NULL,
	`context_id` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contexts_environment_type_id` ON `contexts` (`environment_id`,`type`,`context_id`);--> statement-breakpoint
CREATE TABLE `layouts` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`layout_id` text NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`is_translation_enabled` integer DEFAULT false NOT NULL,
	`controls` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `layouts_environment_layout` ON `layouts` (`environment_id`,`layout_id`);--> statement-breakpoint
CREATE TABLE `notification_events` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`transaction_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`subscriber_row_id` text NOT NULL,
	`workflow_row_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`workflow_name` text NOT NULL,
	`channels` text NOT NULL,
	`payload` text NOT NULL,
	`topic_keys` text NOT NULL,
	`jobs` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_events_transaction_subscriber` ON `notification_events` (`environment_id`,`transaction_id`,`subscriber_id`);--> statement-breakpoint
CREATE INDEX `notification_events_environment_created` ON `notification_events` (`environment_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notification_events_environment_subscriber` ON `notification_events` (`environment_id`,`subscriber_id`);--> statement-breakpoint
CREATE TABLE `subscriber_preferences` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`channels` text NOT NULL,
	`schedule` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriber_preferences_key` ON `subscriber_preferences` (`environment_id`,`subscriber_id`,`workflow_id`);--> statement-breakpoint
CREATE TABLE `translations` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`resource_type` text NOT NULL,
	`resource_id` text NOT NULL,
	`locale` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `translations_resource_locale` ON `translations` (`environment_id`,`resource_type`,`resource_id`,`locale`);--> statement-breakpoint
ALTER TABLE `environments` ADD `color` text;--> statement-breakpoint
ALTER TABLE `environments` ADD `parent_id` text;--> statement-breakpoint
ALTER TABLE `environments` ADD `bridge_url` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `is_online` integer;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `last_online_at` integer;