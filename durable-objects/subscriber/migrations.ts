/**
 * Migrations of each SubscriberDO's own SQLite, applied by drizzle's durable-sqlite migrator when the object
 * starts. The SQL is what `drizzle-kit generate` produces from `inbox.schema.ts`; append, never edit, an entry.
 */
export const inboxMigrations = {
  journal: {
    entries: [
      { idx: 0, when: 1795900000000, tag: "0000_inbox", breakpoints: true },
      { idx: 1, when: 1795900000001, tag: "0001_runs", breakpoints: true },
      { idx: 2, when: 1795900000002, tag: "0002_engine", breakpoints: true },
      { idx: 3, when: 1795900000003, tag: "0003_preferences", breakpoints: true },
      { idx: 4, when: 1795900000004, tag: "0004_feed_order", breakpoints: true },
      { idx: 5, when: 1795900000005, tag: "0005_context_keys", breakpoints: true },
      { idx: 6, when: 1795900000006, tag: "0006_outbox", breakpoints: true },
    ],
  },
  migrations: {
    m0000: `CREATE TABLE \`notifications\` (
  \`id\` text PRIMARY KEY NOT NULL,
  \`transaction_id\` text NOT NULL,
  \`step_id\` text NOT NULL,
  \`workflow\` text NOT NULL,
  \`subject\` text,
  \`body\` text NOT NULL,
  \`avatar\` text,
  \`primary_action\` text,
  \`secondary_action\` text,
  \`redirect\` text,
  \`data\` text,
  \`tags\` text NOT NULL,
  \`severity\` text NOT NULL,
  \`created_at\` integer NOT NULL,
  \`updated_at\` integer NOT NULL,
  \`read_at\` integer,
  \`first_seen_at\` integer,
  \`archived_at\` integer,
  \`snoozed_until\` integer,
  \`delivered_at\` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX \`notifications_transaction_step\` ON \`notifications\` (\`transaction_id\`,\`step_id\`);
--> statement-breakpoint
CREATE INDEX \`notifications_feed\` ON \`notifications\` (\`archived_at\`,\`created_at\`);
--> statement-breakpoint
CREATE INDEX \`notifications_unread\` ON \`notifications\` (\`read_at\`,\`archived_at\`);`,
    m0001: `CREATE TABLE \`runs\` (
  \`transaction_id\` text PRIMARY KEY NOT NULL,
  \`workflow_id\` text NOT NULL,
  \`created_at\` integer NOT NULL
);`,
    m0002: `ALTER TABLE \`runs\` ADD \`status\` text DEFAULT 'completed' NOT NULL;
--> statement-breakpoint
ALTER TABLE \`runs\` ADD \`next_step\` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE \`runs\` ADD \`resume_at\` integer;
--> statement-breakpoint
ALTER TABLE \`runs\` ADD \`state\` text;
--> statement-breakpoint
ALTER TABLE \`runs\` ADD \`updated_at\` integer;
--> statement-breakpoint
CREATE INDEX \`runs_resume\` ON \`runs\` (\`status\`,\`resume_at\`);
--> statement-breakpoint
CREATE TABLE \`digests\` (
  \`group\` text PRIMARY KEY NOT NULL,
  \`leader\` text NOT NULL,
  \`closes_at\` integer NOT NULL,
  \`events\` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE \`digest_history\` (
  \`group\` text PRIMARY KEY NOT NULL,
  \`last_event_at\` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE \`throttles\` (
  \`key\` text NOT NULL,
  \`at\` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX \`throttles_key_at\` ON \`throttles\` (\`key\`,\`at\`);`,
    m0003: `CREATE TABLE \`preferences\` (
  \`workflow_id\` text PRIMARY KEY NOT NULL,
  \`channels\` text NOT NULL,
  \`updated_at\` integer NOT NULL
);`,
    m0004: `DROP INDEX \`notifications_feed\`;
--> statement-breakpoint
CREATE INDEX \`notifications_feed_ordered\` ON \`notifications\` (\`archived_at\`,\`created_at\`,\`id\`);
--> statement-breakpoint
CREATE INDEX \`notifications_recent\` ON \`notifications\` (\`created_at\`,\`id\`);`,
    m0005: `ALTER TABLE \`notifications\` ADD \`context_keys\` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
CREATE INDEX \`notifications_context_feed\` ON \`notifications\` (\`context_keys\`,\`created_at\`,\`id\`);
--> statement-breakpoint
CREATE INDEX \`notifications_context_unread\` ON \`notifications\` (\`context_keys\`,\`read_at\`,\`archived_at\`);`,
    m0006: `CREATE TABLE \`outbox\` (
  \`message_id\` text PRIMARY KEY NOT NULL,
  \`job\` text NOT NULL,
  \`lease_until\` integer NOT NULL,
  \`resends\` integer DEFAULT 0 NOT NULL,
  \`created_at\` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX \`outbox_lease\` ON \`outbox\` (\`lease_until\`);`,
  },
};
