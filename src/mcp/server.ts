import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolContext } from "./tool-kit";
import { registerEnvironmentTools } from "./tools/environments";
import { registerEventTools } from "./tools/events";
import { registerNotificationTools } from "./tools/notifications";
import { registerPreferenceTools } from "./tools/preferences";
import { registerSubscriberTools } from "./tools/subscribers";
import { registerTopicTools } from "./tools/topics";
import { registerWorkflowTools } from "./tools/workflows";

const instructions =
  "Tools for a Novu-compatible notification platform. Everything acts on the one environment the API key " +
  "belongs to (get_api_key_status says which). Workflows are addressed by their workflowId, subscribers by their " +
  "subscriberId, topics by their key.";

/** A server for one request: the tools close over the caller's environment, so nothing outlives the request. */
export function createMcpServer(ctx: ToolContext): McpServer {
  const server = new McpServer({ name: "novu-edge", version: "0.1.0" }, { instructions });
  registerEnvironmentTools(server, ctx);
  registerWorkflowTools(server, ctx);
  registerEventTools(server, ctx);
  registerSubscriberTools(server, ctx);
  registerNotificationTools(server, ctx);
  registerPreferenceTools(server, ctx);
  registerTopicTools(server, ctx);
  return server;
}
