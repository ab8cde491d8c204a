import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { SubscriberRow, TopicRow, TopicSubscriptionRow } from "../../db/schema";
import { toCursorList } from "../../http/pagination";
import { toSubscriptionDto, toTopicDto } from "../../topics/topic.mapper";
import { listTopicsQuery, topicKey } from "../../topics/topic.schemas";
import * as topics from "../../topics/topic.service";
import { failure, guard, listed, ok, readOnly, type ToolContext, writes } from "../tool-kit";

const topicRef = z.object({ topicKey: topicKey.describe("The topic's key") });
const members = topicRef.extend({
  subscriberIds: z.array(z.string().min(1).max(255)).min(1).max(100).describe("Up to 100 subscriberIds"),
});

/** Per-subscriber outcomes, as the REST API reports them; failing every subscriber is a tool error. */
function outcome(
  verb: string,
  result: {
    topic: TopicRow;
    rows: TopicSubscriptionRow[];
    subscribers: Map<string, SubscriberRow>;
    errors: topics.SubscriptionFailure[];
  },
) {
  const data = result.rows.map((row) => toSubscriptionDto(row, result.topic, result.subscribers));
  const structured = {
    data,
    meta: {
      totalCount: data.length + result.errors.length,
      successful: data.length,
      failed: result.errors.length,
    },
    errors: result.errors,
  };
  const failed = result.errors.map((e) => e.message);
  const text = `${verb} ${data.length} subscribers on topic '${result.topic.key}'. Failed: ${listed(failed)}.`;
  return data.length === 0 && failed.length > 0 ? failure(text, structured) : ok(text, structured);
}

export function registerTopicTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "list_topics",
    {
      title: "List topics",
      description: "List the environment's topics (newest first, cursor-paged), optionally by key or name.",
      inputSchema: z.object({
        key: z.string().optional().describe("Exact topic key"),
        name: z.string().optional().describe("Part of the topic's name"),
        limit: z.number().int().min(1).max(100).optional().describe("Page size, 10 by default"),
        after: z.string().optional().describe("Cursor: the `next` value of the previous page"),
      }),
      annotations: readOnly,
    },
    (args) =>
      guard(async () => {
        const page = await topics.listTopics(ctx.db, ctx.tenant, listTopicsQuery.parse(args));
        const found = toCursorList(page, toTopicDto);
        return ok(
          `${page.rows.length} of ${found.totalCount} topics: ${listed(page.rows.map((t) => t.key))}.`,
          found,
        );
      }),
  );

  server.registerTool(
    "create_topic",
    {
      title: "Create a topic",
      description:
        "Create a topic (a named group of subscribers that trigger_workflow can address as {type: 'Topic', topicKey}). An existing topic is renamed.",
      inputSchema: z.object({
        key: topicKey.describe("Unique key: letters, digits, '-', '_', ':' or an email"),
        name: z.string().max(100).optional().describe("A readable name"),
      }),
      annotations: { ...writes, idempotentHint: true },
    },
    (input) =>
      guard(async () => {
        const { row, created } = await topics.upsertTopic(ctx.db, ctx.tenant, input, false);
        return ok(`${created ? "Created" : "Updated"} topic '${row.key}'.`, {
          topic: toTopicDto(row),
          created,
        });
      }),
  );

  server.registerTool(
    "add_subscribers_to_topic",
    {
      title: "Add subscribers to a topic",
      description:
        "Subscribe existing subscribers to a topic (created if missing). Already subscribed ones stay as they are; unknown ones are reported.",
      inputSchema: members,
      annotations: { ...writes, idempotentHint: true },
    },
    ({ topicKey: key, subscriberIds }) =>
      guard(async () =>
        outcome("Subscribed", await topics.subscribe(ctx.db, ctx.tenant, key, subscriberIds)),
      ),
  );

  server.registerTool(
    "remove_subscribers_from_topic",
    {
      title: "Remove subscribers from a topic",
      description: "Unsubscribe subscribers from a topic; ones that were not subscribed are reported.",
      inputSchema: members,
      annotations: { ...writes, idempotentHint: true },
    },
    ({ topicKey: key, subscriberIds }) =>
      guard(async () =>
        outcome("Unsubscribed", await topics.unsubscribe(ctx.db, ctx.tenant, key, subscriberIds)),
      ),
  );
}
