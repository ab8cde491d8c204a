import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listActivityQuery } from "../../activity/activity.schemas";
import { getActivity, listActivity } from "../../activity/activity.service";
import { channelTypes } from "../../workflows/workflow.types";
import { guard, listed, ok, readOnly, type ToolContext } from "../tool-kit";

const findInput = z.object({
  workflowIds: z.array(z.string()).optional().describe("Only these workflows (identifier or _id)"),
  subscriberIds: z.array(z.string()).optional().describe("Only these subscribers"),
  emails: z.array(z.string()).optional().describe("Only subscribers with these emails"),
  channels: z.array(z.enum(channelTypes)).optional().describe("Only notifications that used these channels"),
  transactionId: z.string().optional().describe("The transactionId trigger_workflow returned"),
  topicKey: z.string().optional().describe("Only notifications sent to this topic"),
  after: z.iso.datetime({ offset: true }).optional().describe("Created at or after (ISO-8601)"),
  before: z.iso.datetime({ offset: true }).optional().describe("Created at or before (ISO-8601)"),
  page: z.number().int().min(0).optional().describe("Page number, from 0"),
  limit: z.number().int().min(1).max(50).optional().describe("Page size, 10 by default"),
});

export function registerNotificationTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "get_notifications",
    {
      title: "List notifications",
      description:
        "List notification events (one per trigger and subscriber), newest first, with the channels they used and each step's delivery status. Filter by workflow, subscriber, channel, transactionId or date.",
      inputSchema: findInput,
      annotations: readOnly,
    },
    ({ workflowIds, ...filters }) =>
      guard(async () => {
        const query = listActivityQuery.parse({ ...filters, templates: workflowIds });
        const page = await listActivity(ctx.db, ctx.tenant, query);
        const lines = page.data.map(
          (n) => `${n._id} (${n.template.triggers[0]?.identifier} → ${n.subscriber?.subscriberId ?? "?"})`,
        );
        const more = page.hasMore ? ` More on page ${page.page + 1}.` : "";
        return ok(`${page.data.length} notifications: ${listed(lines)}.${more}`, page);
      }),
  );

  server.registerTool(
    "get_notification",
    {
      title: "Get a notification",
      description:
        "Get one notification event with its jobs (one per step) and their execution details: what was sent, skipped or failed, and why.",
      inputSchema: z.object({
        notificationId: z.string().min(1).describe("The notification's _id, as get_notifications lists it"),
      }),
      annotations: readOnly,
    },
    ({ notificationId }) =>
      guard(async () => {
        const notification = await getActivity(ctx.db, ctx.tenant, notificationId);
        const jobs = notification.jobs.map((job) => `${job.type}: ${job.status}`);
        return ok(
          `Notification ${notification._id} (transactionId ${notification.transactionId}), ${listed(jobs)}.`,
          {
            notification,
          },
        );
      }),
  );
}
