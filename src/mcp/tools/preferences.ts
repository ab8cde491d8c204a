import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { channelToggles, criticalityQuery } from "../../preferences/preference.schemas";
import { subscriberPreferences, updatePreferences } from "../../preferences/preference.service";
import { getSubscriber } from "../../subscribers/subscriber.service";
import { guard, ok, readOnly, type ToolContext, writes } from "../tool-kit";
import { subscriberRef } from "./subscribers";

type Preferences = Awaited<ReturnType<typeof subscriberPreferences>>;

function summary(subscriberId: string, preferences: Preferences): string {
  const off = (channels: Record<string, boolean>) =>
    Object.entries(channels)
      .filter(([, enabled]) => !enabled)
      .map(([channel]) => channel);
  const globalOff = off(preferences.global.channels);
  const workflowsOff = preferences.workflows
    .map((w) => ({ id: w.workflow.identifier, off: off(w.channels) }))
    .filter((w) => w.off.length > 0)
    .map((w) => `${w.id}: ${w.off.join(", ")}`);
  return [
    `Preferences of '${subscriberId}'.`,
    `Globally off: ${globalOff.length > 0 ? globalOff.join(", ") : "nothing"}.`,
    `Off per workflow: ${workflowsOff.length > 0 ? workflowsOff.join("; ") : "nothing"}.`,
  ].join(" ");
}

export function registerPreferenceTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "get_subscriber_preferences",
    {
      title: "Get subscriber preferences",
      description:
        "Get a subscriber's channel preferences: the global switches and, per workflow, which channels will actually be sent.",
      inputSchema: subscriberRef.extend({
        criticality: criticalityQuery.shape.criticality.describe(
          "Which workflows to list: nonCritical (default), critical or all",
        ),
      }),
      annotations: readOnly,
    },
    ({ subscriberId, criticality }) =>
      guard(async () => {
        await getSubscriber(ctx.db, ctx.tenant, subscriberId);
        const preferences = await subscriberPreferences(
          ctx.env,
          ctx.db,
          ctx.tenant,
          subscriberId,
          criticality,
        );
        return ok(summary(subscriberId, preferences), preferences);
      }),
  );

  server.registerTool(
    "update_subscriber_preferences",
    {
      title: "Update subscriber preferences",
      description:
        "Switch channels on or off for a subscriber: globally, or for one workflow when workflowId is given. Channels left out keep their setting. Critical workflows cannot be changed.",
      inputSchema: subscriberRef.extend({
        workflowId: z
          .string()
          .min(1)
          .optional()
          .describe("The workflow (identifier or _id) to change; leave out to change the global preferences"),
        channels: channelToggles.describe("Channel → enabled, e.g. {email: false, in_app: true}"),
      }),
      annotations: { ...writes, idempotentHint: true },
    },
    ({ subscriberId, workflowId, channels }) =>
      guard(async () => {
        await getSubscriber(ctx.db, ctx.tenant, subscriberId);
        await updatePreferences(ctx.env, ctx.db, ctx.tenant, subscriberId, { workflowId, channels });
        const preferences = await subscriberPreferences(
          ctx.env,
          ctx.db,
          ctx.tenant,
          subscriberId,
          "nonCritical",
        );
        return ok(summary(subscriberId, preferences), preferences);
      }),
  );
}
