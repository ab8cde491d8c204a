// A new subscriber object creates its tables from one baseline script instead of replaying every migration; the
// schema it ends with must be the replay's, to the byte, or the next migration would meet tables it was not written
// for.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { describe, expect, it } from "vitest";
import type { SubscriberDO } from "../../durable-objects/subscriber";
import { migrateInbox } from "../../durable-objects/subscriber/inbox-baseline";
import { inboxMigrations } from "../../durable-objects/subscriber/migrations";

type Setup = (storage: DurableObjectStorage) => Promise<void>;

/** The object's schema and migration log after `setup` runs on emptied storage. */
function schemaAfter(setup: Setup) {
  return runInDurableObject(
    env.SUBSCRIBER.getByName(`baseline:${crypto.randomUUID()}`),
    async (_: SubscriberDO, state) => {
      await state.storage.deleteAll();
      await setup(state.storage);
      return {
        schema: state.storage.sql
          .exec(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
          )
          .toArray(),
        applied: state.storage.sql
          .exec("SELECT created_at FROM __drizzle_migrations ORDER BY created_at")
          .toArray()
          .map((row) => Number(row.created_at)),
      };
    },
  );
}

const replay: Setup = (storage) => migrate(drizzle(storage), inboxMigrations);
const everyMigration = inboxMigrations.journal.entries.map((entry) => entry.when);

describe("a subscriber object's tables", () => {
  it("are the same from the baseline as from replaying every migration", async () => {
    const replayed = await schemaAfter(replay);
    expect(replayed.applied).toEqual(everyMigration);
    expect(replayed.schema.map((row) => row.name)).toContain("outbox");

    const fromBaseline = await schemaAfter((storage) => migrateInbox(storage, drizzle(storage)));
    expect(fromBaseline).toEqual(replayed);
  });

  it("of an object created before the baseline catch up through the remaining migrations", async () => {
    const older = {
      journal: { entries: inboxMigrations.journal.entries.slice(0, 4) },
      migrations: inboxMigrations.migrations,
    };
    const caughtUp = await schemaAfter(async (storage) => {
      await migrate(drizzle(storage), older);
      await migrateInbox(storage, drizzle(storage));
    });
    expect(caughtUp).toEqual(await schemaAfter(replay));
  });

  it("are created afresh when a deleted subscriber's object is used again", async () => {
    const recreated = await schemaAfter(async (storage) => {
      await migrateInbox(storage, drizzle(storage));
      await storage.deleteAll();
      await migrateInbox(storage, drizzle(storage));
    });
    expect(recreated).toEqual(await schemaAfter(replay));
  });
});
