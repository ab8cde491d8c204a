CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`transaction_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`step_id` text NOT NULL,
	`channel` text NOT NULL,
	`provider_id` text,
	`integration_id` text,
	`status` text NOT NULL,
	`provider_message_id` text,
	`error_text` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`subject` text,
	`content` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_environment_transaction` ON `messages` (`environment_id`,`transaction_id`);--> statement-breakpoint
CREATE INDEX `messages_environment_subscriber` ON `messages` (`environment_id`,`subscriber_id`,`created_at`);