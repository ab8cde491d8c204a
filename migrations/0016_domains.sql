CREATE TABLE `domains` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`mx_record_configured` integer NOT NULL,
	`dns_provider` text,
	`data` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domains_name` ON `domains` (`name`);--> statement-breakpoint
CREATE INDEX `domains_environment` ON `domains` (`environment_id`);--> statement-breakpoint
CREATE TABLE `domain_routes` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`address` text NOT NULL,
	`type` text NOT NULL,
	`agent_id` text,
	`data` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domain_routes_domain_address` ON `domain_routes` (`domain_id`,`address`);--> statement-breakpoint
CREATE INDEX `domain_routes_environment_agent` ON `domain_routes` (`environment_id`,`agent_id`);
