CREATE TABLE `trigger_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
