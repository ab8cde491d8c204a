import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { type TriggerResult, triggerBody } from "../../events/trigger.schemas";
import { triggerWorkflow } from "../../events/trigger.service";
import { byteLength, maxTriggerBytes, payloadTooLarge } from "../../middleware/payload-limit";
import { failure, guard, ok, type ToolContext, writes } from "../tool-kit";

/** The REST trigger body, with the workflow named as everywhere else in these tools. */
const triggerInput = triggerBody.omit({ name: true }).extend({
  workflowId: z.string().trim().min(1).max(255).describe("The identifier of the workflow to trigger"),
  to: triggerBody.shape.to.describe(
    "Recipients: a subscriberId, a subscriber object {subscriberId, firstName?, email?, phone?, data? …} " +
      "(created or updated on the fly), a topic {type: 'Topic', topicKey}, or an array of up to 100 of these",
  ),
  payload: triggerBody.shape.payload.describe("Data the workflow's templates read as {{payload.*}}"),
});

const outcomes: Record<TriggerResult["status"], string> = {
  processed: "Triggered",
  trigger_not_active: "Nothing was sent: the workflow is inactive (activate it with update_workflow)",
  no_workflow_steps_defined: "Nothing was sent: the workflow has no steps",
  no_workflow_active_steps_defined: "Nothing was sent: the workflow has no active steps",
  no_tenant_found: "Nothing was sent: the tenant was not found",
  invalid_recipients: "Nothing was sent: no valid recipients",
  error: "The trigger failed",
};

export function registerEventTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "trigger_workflow",
    {
      title: "Trigger a workflow",
      description:
        "Send a workflow to subscribers or topics with a payload. Returns the transactionId, which get_notifications " +
        "filters by.",
      inputSchema: triggerInput,
      annotations: { ...writes, openWorldHint: true },
    },
    ({ workflowId, ...event }) =>
      guard(async () => {
        const input = { ...event, name: workflowId };
        const size = byteLength(JSON.stringify(input));
        if (size > maxTriggerBytes) return failure(payloadTooLarge(size).message);
        const result = await triggerWorkflow(ctx.env, ctx.tenant, input, ctx.background);
        return ok(`${outcomes[result.status]} '${workflowId}' (transactionId ${result.transactionId}).`, {
          ...result,
        });
      }),
  );
}
