/**
 * Migrations of each SubscriberDO's own SQLite, applied by drizzle's durable-sqlite migrator when the object
 * starts. The SQL is what `drizzle-kit generate` produces from `inbox.schema.ts`; append, never edit, an entry.
 */
export const inboxMigrations = {
  journal: {
    entries: [
      { idx: 0, when: 1795900000000, tag: "0000_inbox", breakpoints: true },
      { idx: 1, when: 1795900000001, tag: "0001_runs", breakpoints: true },
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
  },
};
