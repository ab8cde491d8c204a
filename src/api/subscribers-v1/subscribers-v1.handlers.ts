import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toSubscriberDto } from "../../subscribers/subscriber.mapper";
import { type CreateSubscriberInput, createSubscriberBody } from "../../subscribers/subscriber.schemas";
import { type BulkOutcome, bulkUpsertSubscribers } from "../../subscribers/subscriber.service";
import { removeCredentials, setCredentials, setOnline } from "../../subscribers/subscriber-credentials";
import type * as routes from "./subscribers-v1.routes";

export const replaceCredentials: RouteHandler<typeof routes.replaceCredentials, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const row = await setCredentials(database(c.env), c.get("tenant"), subscriberId, c.req.valid("json"), true);
  return c.json({ data: toSubscriberDto(row) }, 200);
};

export const appendCredentials: RouteHandler<typeof routes.appendCredentials, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const row = await setCredentials(
    database(c.env),
    c.get("tenant"),
    subscriberId,
    c.req.valid("json"),
    false,
  );
  return c.json({ data: toSubscriberDto(row) }, 200);
};

export const deleteCredentials: RouteHandler<typeof routes.deleteCredentials, AppEnv> = async (c) => {
  const { subscriberId, providerId } = c.req.valid("param");
  await removeCredentials(database(c.env), c.get("tenant"), subscriberId, providerId);
  return c.body(null, 204);
};

export const onlineStatus: RouteHandler<typeof routes.onlineStatus, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const row = await setOnline(database(c.env), c.get("tenant"), subscriberId, c.req.valid("json").isOnline);
  return c.json({ data: toSubscriberDto(row) }, 200);
};

/** Each item is validated on its own, so one bad subscriber is reported without failing the other 499. */
export const bulkCreate: RouteHandler<typeof routes.bulkCreate, AppEnv> = async (c) => {
  const valid: CreateSubscriberInput[] = [];
  const failed: BulkOutcome["failed"] = [];
  for (const item of c.req.valid("json").subscribers) {
    const parsed = createSubscriberBody.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else {
      const subscriberId = (item as { subscriberId?: unknown } | null)?.subscriberId;
      failed.push({
        subscriberId: typeof subscriberId === "string" ? subscriberId : undefined,
        message: parsed.error.issues
          .map((i) => `${i.path.join(".") || "subscriber"}: ${i.message}`)
          .join("; "),
      });
    }
  }
  const outcome = await bulkUpsertSubscribers(database(c.env), c.get("tenant"), { valid, failed });
  return c.json({ data: outcome }, 201);
};
