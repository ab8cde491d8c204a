CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`channel` text NOT NULL,
	`name` text NOT NULL,
	`identifier` text NOT NULL,
	`credentials` text NOT NULL,
	`configurations` text NOT NULL,
	`conditions` text NOT NULL,
	`active` integer NOT NULL,
	`primary` integer NOT NULL,
	`fallback` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrations_environment_identifier` ON `integrations` (`environment_id`,`identifier`);--> statement-breakpoint
CREATE INDEX `integrations_environment_channel` ON `integrations` (`environment_id`,`channel`);