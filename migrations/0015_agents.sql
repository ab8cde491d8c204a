CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`identifier` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`active` integer NOT NULL,
	`behavior` text NOT NULL,
	`bridge_url` text,
	`dev_bridge_url` text,
	`dev_bridge_active` integer DEFAULT false NOT NULL,
	`api_origin` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_environment_identifier` ON `agents` (`environment_id`,`identifier`);--> statement-breakpoint
CREATE TABLE `agent_integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_integrations_agent_integration` ON `agent_integrations` (`agent_id`,`integration_id`);--> statement-breakpoint
CREATE INDEX `agent_integrations_integration` ON `agent_integrations` (`integration_id`);--> statement-breakpoint
CREATE TABLE `agent_conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`integration_identifier` text,
	`participant_address` text NOT NULL,
	`participant_name` text,
	`subscriber_id` text,
	`subject` text,
	`thread_key` text NOT NULL,
	`metadata` text NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`dry_run` integer DEFAULT false NOT NULL,
	`resolved_at` integer,
	`summary` text,
	`last_activity_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_conversations_thread` ON `agent_conversations` (`agent_id`,`participant_address`,`thread_key`);--> statement-breakpoint
CREATE TABLE `agent_conversation_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`role` text NOT NULL,
	`type` text NOT NULL,
	`content` text NOT NULL,
	`rich_content` text,
	`sender_name` text,
	`signal_data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `agent_conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_conversation_entries_conversation` ON `agent_conversation_entries` (`conversation_id`,`created_at`);
