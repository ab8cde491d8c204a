import { and, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { chunks, maxBoundParameters } from "../db/limits";
import { prepared } from "../db/prepared";
import { type SubscriberRow, subscribers } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { toSubscriberDto } from "./subscriber.mapper";
import type {
  CreateSubscriberInput,
  PatchSubscriberInput,
  SearchSubscribersQuery,
} from "./subscriber.schemas";

const profileKeys = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "avatar",
  "locale",
  "timezone",
  "data",
  "channels",
] as const;

/** Only the fields a caller sent: an absent field keeps its stored value, an explicit null clears it. */
function presentFields(input: PatchSubscriberInput): Partial<SubscriberRow> {
  const fields: Partial<SubscriberRow> = {};
  for (const key of profileKeys) {
    if (input[key] !== undefined) Object.assign(fields, { [key]: input[key] });
  }
  return fields;
}

function upsertStatement(db: Database, tenant: Tenant, input: CreateSubscriberInput, now: number) {
  const fields = presentFields(input);
  return db
    .insert(subscribers)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      subscriberId: input.subscriberId,
      ...fields,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [subscribers.environmentId, subscribers.subscriberId],
      set: { ...fields, updatedAt: now },
    })
    .returning();
}

export async function findSubscriber(db: Database, tenant: Tenant, subscriberId: string) {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.environmentId, tenant.id), eq(subscribers.subscriberId, subscriberId)))
    .limit(1);
  return row;
}

export async function getSubscriber(
  db: Database,
  tenant: Tenant,
  subscriberId: string,
): Promise<SubscriberRow> {
  const row = await findSubscriber(db, tenant, subscriberId);
  if (!row) throw HttpError.notFound(`Subscriber '${subscriberId}' was not found`);
  return row;
}

export async function upsertSubscriber(
  db: Database,
  tenant: Tenant,
  input: CreateSubscriberInput,
  options: { failIfExists: boolean } = { failIfExists: false },
): Promise<SubscriberRow> {
  const existing = options.failIfExists ? await findSubscriber(db, tenant, input.subscriberId) : undefined;
  if (existing) {
    // Novu's 409 carries the existing subscriber (`SubscriberResponseDto`); @novu/api parses the body as one.
    throw HttpError.conflict(
      `Subscriber with subscriberId '${input.subscriberId}' already exists`,
      toSubscriberDto(existing),
    );
  }
  const [row] = await upsertStatement(db, tenant, input, Date.now());
  if (!row) throw new Error("subscriber upsert returned no row");
  return row;
}

function readSubscribers(db: Database, tenant: Tenant, ids: string[]) {
  return chunks(ids, maxBoundParameters - 1).map((part) =>
    db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.environmentId, tenant.id), inArray(subscribers.subscriberId, part))),
  );
}

/**
 * Makes sure every recipient of a trigger exists. Profiles sent inline are upserted (latest values win, as in
 * Novu) in one D1 batch with the read that follows. Bare subscriberIds, the common case, cost one read: only the
 * unknown ones are then created, so a trigger to existing subscribers writes nothing to D1.
 */
export function sendsProfiles(recipients: CreateSubscriberInput[]): boolean {
  return recipients.some((input) => Object.keys(presentFields(input)).length > 0);
}

/** Reads existing subscribers by id (no writes), e.g. alongside the workflow lookup of a trigger. */
export async function findSubscribers(db: Database, tenant: Tenant, ids: string[]): Promise<SubscriberRow[]> {
  const unique = [...new Set(ids)];
  const [only] = unique;
  if (unique.length === 1 && only !== undefined) {
    const row = await subscriberById(db).get({ environmentId: tenant.id, subscriberId: only });
    return row ? [row] : [];
  }
  return (await Promise.all(readSubscribers(db, tenant, unique))).flat();
}

/** A trigger to one subscriber, the common case, reads it through a prepared statement. */
const subscriberById = prepared((db: Database) =>
  db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.environmentId, sql.placeholder("environmentId")),
        eq(subscribers.subscriberId, sql.placeholder("subscriberId")),
      ),
    )
    .limit(1)
    .prepare(),
);

export async function ensureSubscribers(
  db: Database,
  tenant: Tenant,
  recipients: CreateSubscriberInput[],
  alreadyRead?: SubscriberRow[],
): Promise<Map<string, SubscriberRow>> {
  const now = Date.now();
  const ids = [...new Set(recipients.map((r) => r.subscriberId))];
  const profiles = recipients.filter((input) => Object.keys(presentFields(input)).length > 0);
  const byId = new Map<string, SubscriberRow>();
  if (alreadyRead && profiles.length === 0) {
    for (const row of alreadyRead) byId.set(row.subscriberId, row);
  } else {
    const [firstWrite, ...otherWrites] = profiles.map((input) => upsertStatement(db, tenant, input, now));
    const [firstRead, ...otherReads] = readSubscribers(db, tenant, ids);
    if (!firstRead) return byId;
    // Writes first, the reads last: D1 runs a batch in order, in one transaction.
    const results = firstWrite
      ? (await db.batch([firstWrite, ...otherWrites, firstRead, ...otherReads])).slice(profiles.length)
      : await Promise.all([firstRead, ...otherReads]);
    for (const row of results.flat() as SubscriberRow[]) byId.set(row.subscriberId, row);
  }

  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const created = missing.map((subscriberId) =>
      db
        .insert(subscribers)
        .values({
          id: objectId(now),
          environmentId: tenant.id,
          organizationId: tenant.organizationId,
          subscriberId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing(),
    );
    const [first, ...rest] = [...created, ...readSubscribers(db, tenant, missing)];
    if (first) {
      const rows = (await db.batch([first, ...rest])).slice(created.length).flat() as SubscriberRow[];
      for (const row of rows) byId.set(row.subscriberId, row);
    }
  }
  return byId;
}

export async function patchSubscriber(
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  input: PatchSubscriberInput,
): Promise<SubscriberRow> {
  const [row] = await db
    .update(subscribers)
    .set({ ...presentFields(input), updatedAt: Date.now() })
    .where(and(eq(subscribers.environmentId, tenant.id), eq(subscribers.subscriberId, subscriberId)))
    .returning();
  if (!row) throw HttpError.notFound(`Subscriber '${subscriberId}' was not found`);
  return row;
}

export async function deleteSubscriber(db: Database, tenant: Tenant, subscriberId: string): Promise<void> {
  const deleted = await db
    .delete(subscribers)
    .where(and(eq(subscribers.environmentId, tenant.id), eq(subscribers.subscriberId, subscriberId)))
    .returning({ id: subscribers.id });
  if (deleted.length === 0) throw HttpError.notFound(`Subscriber '${subscriberId}' was not found`);
}

const sortColumns = {
  createdAt: subscribers.createdAt,
  updatedAt: subscribers.updatedAt,
  _id: subscribers.id,
} as const;

export async function searchSubscribers(db: Database, tenant: Tenant, query: SearchSubscribersQuery) {
  const filters: SQL[] = [eq(subscribers.environmentId, tenant.id)];
  if (query.email) filters.push(eq(subscribers.email, query.email));
  if (query.phone) filters.push(eq(subscribers.phone, query.phone));
  if (query.subscriberId) filters.push(eq(subscribers.subscriberId, query.subscriberId));
  if (query.name) {
    const pattern = `%${query.name}%`;
    const byName = or(
      like(subscribers.firstName, pattern),
      like(subscribers.lastName, pattern),
      like(sql`${subscribers.firstName} || ' ' || ${subscribers.lastName}`, pattern),
    );
    if (byName) filters.push(byName);
  }
  return cursorPage(db, subscribers, sortColumns[query.orderBy], and(...filters), query);
}

export type BulkOutcome = {
  created: { subscriberId: string }[];
  updated: { subscriberId: string }[];
  failed: { subscriberId?: string; message: string }[];
};

/**
 * Creates or updates up to 500 subscribers: one read to tell new from existing, then the upserts in D1 batches.
 * Items that fail validation are reported in `failed` and do not stop the others.
 */
export async function bulkUpsertSubscribers(
  db: Database,
  tenant: Tenant,
  items: { valid: CreateSubscriberInput[]; failed: BulkOutcome["failed"] },
): Promise<BulkOutcome> {
  const ids = [...new Set(items.valid.map((s) => s.subscriberId))];
  const existing = new Set<string>();
  for (const part of chunks(ids, maxBoundParameters - 1)) {
    const rows = await db
      .select({ subscriberId: subscribers.subscriberId })
      .from(subscribers)
      .where(and(eq(subscribers.environmentId, tenant.id), inArray(subscribers.subscriberId, part)));
    for (const row of rows) existing.add(row.subscriberId);
  }
  const now = Date.now();
  for (const part of chunks(items.valid, 100)) {
    const [first, ...rest] = part.map((input) => upsertStatement(db, tenant, input, now));
    if (first) await db.batch([first, ...rest]);
  }
  return {
    created: ids.filter((id) => !existing.has(id)).map((subscriberId) => ({ subscriberId })),
    updated: ids.filter((id) => existing.has(id)).map((subscriberId) => ({ subscriberId })),
    failed: items.failed,
  };
}
