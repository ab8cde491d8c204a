import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { SubscriberRow } from "../../db/schema";
import { toCursorList } from "../../http/pagination";
import { inboxOf } from "../../inbox/inbox-stub";
import { toSubscriberDto } from "../../subscribers/subscriber.mapper";
import {
  createSubscriberBody,
  patchSubscriberBody,
  searchSubscribersQuery,
} from "../../subscribers/subscriber.schemas";
import {
  deleteSubscriber,
  patchSubscriber,
  searchSubscribers,
  upsertSubscriber,
} from "../../subscribers/subscriber.service";
import { destroys, guard, listed, ok, readOnly, type ToolContext, writes } from "../tool-kit";

export const subscriberRef = z.object({
  subscriberId: z.string().min(1).max(255).describe("The subscriber's own identifier (subscriberId)"),
});

const findInput = z.object({
  email: z.string().optional().describe("Exact email address"),
  phone: z.string().optional().describe("Exact phone number"),
  name: z.string().optional().describe("Part of the first name, last name or full name"),
  subscriberId: z.string().optional().describe("Exact subscriberId"),
  limit: z.number().int().min(1).max(100).optional().describe("Page size, 10 by default"),
  after: z.string().optional().describe("Cursor: the `next` value of the previous page"),
});

const who = (row: SubscriberRow) =>
  [row.subscriberId, [row.firstName, row.lastName].filter(Boolean).join(" "), row.email]
    .filter(Boolean)
    .join(" / ");

export function registerSubscriberTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "find_subscribers",
    {
      title: "Find subscribers",
      description:
        "Search the environment's subscribers by email, phone, name or subscriberId (newest first, cursor-paged). With no filter, lists them all.",
      inputSchema: findInput,
      annotations: readOnly,
    },
    (args) =>
      guard(async () => {
        const page = await searchSubscribers(ctx.db, ctx.tenant, searchSubscribersQuery.parse(args));
        const found = toCursorList(page, toSubscriberDto);
        return ok(
          `${page.rows.length} of ${found.totalCount} subscribers: ${listed(page.rows.map(who))}.`,
          found,
        );
      }),
  );

  server.registerTool(
    "create_subscriber",
    {
      title: "Create a subscriber",
      description:
        "Create a subscriber, or update the one with this subscriberId (unless failIfExists is true, which then fails).",
      inputSchema: createSubscriberBody.extend({
        failIfExists: z.boolean().default(false).describe("Fail instead of updating an existing subscriber"),
      }),
      annotations: writes,
    },
    ({ failIfExists, ...input }) =>
      guard(async () => {
        const row = await upsertSubscriber(ctx.db, ctx.tenant, input, { failIfExists });
        return ok(`Saved subscriber ${who(row)}.`, { subscriber: toSubscriberDto(row) });
      }),
  );

  server.registerTool(
    "update_subscriber",
    {
      title: "Update a subscriber",
      description: "Change an existing subscriber's profile: only the fields given change; null clears one.",
      inputSchema: patchSubscriberBody.extend(subscriberRef.shape),
      annotations: { ...writes, idempotentHint: true },
    },
    ({ subscriberId, ...changes }) =>
      guard(async () => {
        const row = await patchSubscriber(ctx.db, ctx.tenant, subscriberId, changes);
        return ok(`Updated subscriber ${who(row)}.`, { subscriber: toSubscriberDto(row) });
      }),
  );

  server.registerTool(
    "delete_subscriber",
    {
      title: "Delete a subscriber",
      description:
        "Delete a subscriber with their inbox, preferences and topic subscriptions. Cannot be undone.",
      inputSchema: subscriberRef,
      annotations: destroys,
    },
    ({ subscriberId }) =>
      guard(async () => {
        await deleteSubscriber(ctx.db, ctx.tenant, subscriberId);
        await inboxOf(ctx.env, ctx.tenant.id, subscriberId).purge();
        return ok(`Deleted subscriber '${subscriberId}'.`, { deleted: true, subscriberId });
      }),
  );
}
