import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import type { InboxDb } from "./inbox.store";
import { inboxMigrations } from "./migrations";

/**
 * The tables `inboxMigrations` leave behind once entry `through` has run, as SQLite stores them
 * (`sqlite_master.sql`). Every recipient a trigger reaches for the first time is a new object, and replaying each
 * migration there (ALTERs, an index created and dropped) took 30 % of a topic fan-out's CPU; a new object creates
 * the result in one call instead. test/worker/inbox-baseline.test.ts keeps it equal to the replay, and a migration
 * appended later simply runs after it.
 */
const baseline = {
  through: 6,
  sql: `CREATE TABLE \`notifications\` (
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
, \`context_keys\` text DEFAULT '[]' NOT NULL);
CREATE UNIQUE INDEX \`notifications_transaction_step\` ON \`notifications\` (\`transaction_id\`,\`step_id\`);
CREATE INDEX \`notifications_unread\` ON \`notifications\` (\`read_at\`,\`archived_at\`);
CREATE TABLE \`runs\` (
  \`transaction_id\` text PRIMARY KEY NOT NULL,
  \`workflow_id\` text NOT NULL,
  \`created_at\` integer NOT NULL
, \`status\` text DEFAULT 'completed' NOT NULL, \`next_step\` integer DEFAULT 0 NOT NULL, \`resume_at\` integer, \`state\` text, \`updated_at\` integer);
CREATE INDEX \`runs_resume\` ON \`runs\` (\`status\`,\`resume_at\`);
CREATE TABLE \`digests\` (
  \`group\` text PRIMARY KEY NOT NULL,
  \`leader\` text NOT NULL,
  \`closes_at\` integer NOT NULL,
  \`events\` text NOT NULL
);
CREATE TABLE \`digest_history\` (
  \`group\` text PRIMARY KEY NOT NULL,
  \`last_event_at\` integer NOT NULL
);
CREATE TABLE \`throttles\` (
  \`key\` text NOT NULL,
  \`at\` integer NOT NULL
);
CREATE INDEX \`throttles_key_at\` ON \`throttles\` (\`key\`,\`at\`);
CREATE TABLE \`preferences\` (
  \`workflow_id\` text PRIMARY KEY NOT NULL,
  \`channels\` text NOT NULL,
  \`updated_at\` integer NOT NULL
);
CREATE INDEX \`notifications_feed_ordered\` ON \`notifications\` (\`archived_at\`,\`created_at\`,\`id\`);
CREATE INDEX \`notifications_recent\` ON \`notifications\` (\`created_at\`,\`id\`);
CREATE INDEX \`notifications_context_feed\` ON \`notifications\` (\`context_keys\`,\`created_at\`,\`id\`);
CREATE INDEX \`notifications_context_unread\` ON \`notifications\` (\`context_keys\`,\`read_at\`,\`archived_at\`);
CREATE TABLE \`outbox\` (
  \`message_id\` text PRIMARY KEY NOT NULL,
  \`job\` text NOT NULL,
  \`lease_until\` integer NOT NULL,
  \`resends\` integer DEFAULT 0 NOT NULL,
  \`created_at\` integer NOT NULL
);
CREATE INDEX \`outbox_lease\` ON \`outbox\` (\`lease_until\`);`,
};

/** Drizzle's own log of applied migrations, created as its durable-sqlite migrator creates it. */
const bookkeeping = `CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (
					id SERIAL PRIMARY KEY,
					hash text NOT NULL,
					created_at numeric
				)`;

const { entries } = inboxMigrations.journal;
const newest = Math.max(...entries.map((entry) => entry.when));

/** The journal time of the newest migration this object has applied; undefined for a new object. */
function newestApplied(storage: DurableObjectStorage): number | undefined {
  const [log] = storage.sql
    .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .toArray();
  if (!log) return undefined;
  const [row] = storage.sql.exec("SELECT max(created_at) AS at FROM __drizzle_migrations").toArray();
  return Number(row?.at ?? 0);
}

function createFromBaseline(storage: DurableObjectStorage): number {
  const covered = entries.filter((entry) => entry.idx <= baseline.through).map((entry) => entry.when);
  storage.transactionSync(() => {
    storage.sql.exec(`${bookkeeping};\n${baseline.sql}`);
    storage.sql.exec(
      `INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES ${covered.map(() => "('', ?)").join(", ")}`,
      ...covered,
    );
  });
  return Math.max(...covered);
}

/**
 * Brings an object's tables up to date when it starts: a new object from the baseline, one behind the journal
 * through drizzle's migrator, and one already current with two reads.
 */
export async function migrateInbox(storage: DurableObjectStorage, db: InboxDb): Promise<void> {
  const applied = newestApplied(storage) ?? createFromBaseline(storage);
  if (applied < newest) await migrate(db, inboxMigrations);
}
